package io.meshgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.wire.MeshgateException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBatchesTest {

    /** What the dispatcher was asked to do, in order: "run id" or "back id". */
    private final List<String> log = new ArrayList<>();
    private final List<String> failing = new ArrayList<>();
    private final RequestBatches batches = new RequestBatches();

    RequestBatchesTest() {
        batches.inlineMicros = 60_000_000;
        batches.times = new HandlerTimes();
        batches.replies = new ReplySender() {
            @Override
            public void releaseHeld() {
                log.add("release");
            }
        };
        batches.dispatcher = new ServiceDispatcher() {
            @Override
            public void onRequest(Envelope envelope, boolean redelivered) {
                log.add("run " + envelope.id() + (redelivered ? " redelivered" : ""));
                if (failing.contains(envelope.id())) {
                    throw MeshgateException.unavailable("broker gone for " + envelope.id());
                }
            }

            @Override
            public void passBack(Envelope envelope, boolean redelivered) {
                log.add("back " + envelope.id() + (redelivered ? " redelivered" : ""));
            }
        };
    }

    private static Envelope request(String id, String operation) {
        return new MeshRequest(id, "work", operation, "{}".getBytes(StandardCharsets.UTF_8), "s", "node-a",
                "meshgate.node.node-a.reply", Instant.now().plusSeconds(10), 80, 0, id, Instant.now(), id)
                .toEnvelope();
    }

    private void learnQuick(String operation) {
        batches.times.record("work", operation, 1_000);
    }

    @Test
    void aSingleRequestRunsOnTheListenersThread() {
        batches.run(List.of(request("a", "never-seen")), true);

        assertEquals(List.of("run a redelivered"), log);
    }

    @Test
    void membersOfAQuickOperationRunOneAfterAnotherInTheirOrder() {
        learnQuick("quick");

        batches.run(List.of(request("a", "quick"), request("b", "quick"), request("c", "quick")), false);

        assertEquals(List.of("run a", "run b", "run c"), log);
    }

    @Test
    void atTheFirstMemberNotKnownToBeQuickTheRestGoBackToTheTopicBeforeItRuns() {
        learnQuick("quick");

        batches.run(List.of(request("a", "quick"), request("b", "sleep"), request("c", "quick"),
                request("d", "quick")), false);

        assertEquals(List.of("run a", "back c", "back d", "release", "run b"), log);
    }

    @Test
    void withALimitOfZeroEveryMemberButTheFirstGoesBack() {
        learnQuick("quick");
        batches.inlineMicros = 0;

        batches.run(List.of(request("a", "quick"), request("b", "quick"), request("c", "quick")), false);

        assertEquals(List.of("back b", "back c", "release", "run a"), log);
    }

    @Test
    void repliesHeldSoFarLeaveBeforeASlowLastMemberRuns() {
        learnQuick("quick");

        batches.run(List.of(request("a", "quick"), request("b", "sleep")), false);

        assertEquals(List.of("run a", "release", "run b"), log);
    }

    @Test
    void aMemberThatFailsDoesNotStopTheOthersAndItsFailureIsThrownAfterThem() {
        learnQuick("quick");
        failing.add("a");

        MeshgateException e = assertThrows(MeshgateException.class, () -> batches.run(
                List.of(request("a", "quick"), request("b", "quick")), false));

        assertEquals(List.of("run a", "run b"), log);
        assertEquals("broker gone for a", e.getMessage());
    }

    @Test
    void theRedeliveredFlagReachesEveryMember() {
        learnQuick("quick");

        batches.run(List.of(request("a", "quick"), request("b", "quick")), true);

        assertEquals(List.of("run a redelivered", "run b redelivered"), log);
    }

    @Test
    void theMembersOfARedeliveredBatchGoBackMarkedRedelivered() {
        batches.run(List.of(request("a", "sleep"), request("b", "sleep"), request("c", "sleep")), true);

        assertEquals(List.of("back b redelivered", "back c redelivered", "release", "run a redelivered"), log);
    }

    @Test
    void theFirstFailureIsTheOneThrown() {
        failing.add("a");
        failing.add("b");
        learnQuick("quick");

        MeshgateException e = assertThrows(MeshgateException.class, () -> batches.run(
                List.of(request("a", "quick"), request("b", "quick")), false));

        assertSame(MeshgateException.Kind.UNAVAILABLE, e.kind());
        assertEquals("broker gone for a", e.getMessage());
    }
}
