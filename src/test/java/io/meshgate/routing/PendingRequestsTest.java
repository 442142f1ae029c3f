package io.meshgate.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.envelope.MeshReply;
import io.meshgate.routing.PendingRequests.Outcome;
import io.meshgate.wire.MeshgateException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class PendingRequestsTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final Instant FAR = NOW.plusSeconds(60);

    private ScheduledThreadPoolExecutor timer;
    private PendingRequests pending;

    @BeforeEach
    void start() {
        timer = new ScheduledThreadPoolExecutor(1);
        timer.setRemoveOnCancelPolicy(true);
        pending = new PendingRequests(timer, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static Outcome.Replied reply(String correlationId) {
        return new Outcome.Replied(MeshReply.result(correlationId, "node-b",
                "{}".getBytes(StandardCharsets.UTF_8), NOW));
    }

    /** A callback that records every outcome it is given. */
    private static final class Recorder implements Consumer<Outcome> {
        final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        final CompletableFuture<Outcome> first = new CompletableFuture<>();

        @Override
        public void accept(Outcome outcome) {
            outcomes.add(outcome);
            first.complete(outcome);
        }
    }

    @Test
    void completeDeliversTheReplyToTheCallback() {
        Recorder callback = new Recorder();
        pending.register("c1", "s1", FAR, callback);
        Outcome.Replied outcome = reply("c1");

        assertTrue(pending.complete("c1", outcome));

        assertEquals(List.of(outcome), callback.outcomes);
        assertEquals(0, pending.size());
    }

    @Test
    void secondCompleteReturnsFalseAndDoesNotCallBackAgain() {
        Recorder callback = new Recorder();
        pending.register("c1", "s1", FAR, callback);
        Outcome.Replied first = reply("c1");
        pending.complete("c1", first);

        assertFalse(pending.complete("c1", reply("c1")));

        assertEquals(List.of(first), callback.outcomes);
    }

    @Test
    void completeOfUnknownIdReturnsFalse() {
        assertFalse(pending.complete("never-registered", reply("never-registered")));
    }

    @Test
    void completeCancelsTheTimer() {
        pending.register("c1", "s1", FAR, new Recorder());

        pending.complete("c1", reply("c1"));

        assertEquals(0, timer.getQueue().size());
    }

    @Test
    void timeoutFailsTheRequestWithKindTimeoutOnceTheDeadlinePasses() throws Exception {
        Recorder callback = new Recorder();
        pending.register("c1", "s1", NOW.plusMillis(50), callback);

        Outcome outcome = callback.first.get(2, TimeUnit.SECONDS);

        MeshgateException error = assertInstanceOf(Outcome.Failed.class, outcome).error();
        assertEquals(MeshgateException.Kind.TIMEOUT, error.kind());
        assertEquals("no answer within 50 ms", error.getMessage());
        assertEquals(0, pending.size());
    }

    @Test
    void lateReplyAfterTimeoutIsRefused() throws Exception {
        Recorder callback = new Recorder();
        pending.register("c1", "s1", NOW.plusMillis(20), callback);
        callback.first.get(2, TimeUnit.SECONDS);

        assertFalse(pending.complete("c1", reply("c1")));

        assertEquals(1, callback.outcomes.size());
        assertInstanceOf(Outcome.Failed.class, callback.outcomes.get(0));
    }

    @Test
    void deadlineAlreadyPassedTimesOutAtOnce() throws Exception {
        Recorder callback = new Recorder();
        pending.register("c1", "s1", NOW.minusSeconds(1), callback);

        Outcome outcome = callback.first.get(2, TimeUnit.SECONDS);

        assertEquals("no answer within 0 ms", assertInstanceOf(Outcome.Failed.class, outcome).error().getMessage());
    }

    @Test
    void registeringADuplicateCorrelationIdThrows() {
        pending.register("c1", "s1", FAR, new Recorder());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pending.register("c1", "s2", FAR, new Recorder()));

        assertEquals("correlation id already pending: c1", e.getMessage());
    }

    @Test
    void duplicateRegistrationLeavesTheFirstCallbackInPlace() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        pending.register("c1", "s1", FAR, first);
        assertThrows(IllegalStateException.class, () -> pending.register("c1", "s2", FAR, second));
        Outcome.Replied outcome = reply("c1");

        pending.complete("c1", outcome);

        assertEquals(List.of(outcome), first.outcomes);
        assertEquals(List.of(), second.outcomes);
    }

    @Test
    void forgetSessionRemovesOnlyThatSessionsRequests() {
        pending.register("a1", "s1", FAR, new Recorder());
        pending.register("a2", "s1", FAR, new Recorder());
        pending.register("a3", "s1", FAR, new Recorder());
        pending.register("b1", "s2", FAR, new Recorder());
        pending.register("b2", "s2", FAR, new Recorder());

        assertEquals(3, pending.forgetSession("s1"));

        assertEquals(2, pending.size());
        assertFalse(pending.complete("a1", reply("a1")));
        assertTrue(pending.complete("b1", reply("b1")));
    }

    @Test
    void forgetSessionOfUnknownSessionRemovesNothing() {
        pending.register("a1", "s1", FAR, new Recorder());

        assertEquals(0, pending.forgetSession("s9"));

        assertEquals(1, pending.size());
    }

    @Test
    void forgottenRequestsAreNeverCalledBackEvenWhenTheirDeadlinePasses() throws Exception {
        List<Recorder> forgotten = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Recorder r = new Recorder();
            forgotten.add(r);
            pending.register("a" + i, "s1", NOW.plusMillis(30), r);
        }
        Recorder kept = new Recorder();
        pending.register("b1", "s2", NOW.plusMillis(120), kept);

        pending.forgetSession("s1");
        kept.first.get(2, TimeUnit.SECONDS);

        for (Recorder r : forgotten) {
            assertEquals(List.of(), r.outcomes);
        }
        assertEquals(1, kept.outcomes.size());
    }

    @Test
    void forgetSessionCancelsTheTimersOfItsRequests() {
        pending.register("a1", "s1", FAR, new Recorder());
        pending.register("a2", "s1", FAR, new Recorder());
        pending.register("b1", "s2", FAR, new Recorder());

        pending.forgetSession("s1");

        assertEquals(1, timer.getQueue().size());
    }

    @Test
    void everyRequestEndsExactlyOnceWhenTwoRepliesAndTheTimerRace() throws Exception {
        int n = 10_000;
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2);
        try {
            PendingRequests racing = new PendingRequests(timers, Clock.systemUTC());
            AtomicIntegerArray calls = new AtomicIntegerArray(n);
            AtomicInteger replied = new AtomicInteger();
            AtomicInteger timedOut = new AtomicInteger();
            AtomicInteger acceptedReplies = new AtomicInteger();
            Instant start = Instant.now().plusMillis(40);
            for (int i = 0; i < n; i++) {
                int index = i;
                racing.register("c" + i, "s" + (i % 7), start.plusNanos((i % 4) * 500_000L), outcome -> {
                    calls.incrementAndGet(index);
                    (outcome instanceof Outcome.Replied ? replied : timedOut).incrementAndGet();
                });
            }
            CountDownLatch go = new CountDownLatch(1);
            Thread forward = replier(racing, go, n, false, acceptedReplies);
            Thread backward = replier(racing, go, n, true, acceptedReplies);
            forward.start();
            backward.start();
            while (Instant.now().isBefore(start)) {
                Thread.onSpinWait();
            }
            go.countDown();
            forward.join(2_000);
            backward.join(2_000);
            assertFalse(forward.isAlive() || backward.isAlive(), "reply threads did not finish");
            timers.shutdown();
            assertTrue(timers.awaitTermination(2, TimeUnit.SECONDS), "timer did not finish");

            for (int i = 0; i < n; i++) {
                assertEquals(1, calls.get(i), "callbacks of c" + i);
            }
            assertEquals(n, replied.get() + timedOut.get());
            assertEquals(acceptedReplies.get(), replied.get());
            assertEquals(0, racing.size());
        } finally {
            timers.shutdownNow();
        }
    }

    private static Thread replier(PendingRequests racing, CountDownLatch go, int n, boolean backward,
                                  AtomicInteger accepted) {
        return new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int k = 0; k < n; k++) {
                String id = "c" + (backward ? n - 1 - k : k);
                if (racing.complete(id, reply(id))) {
                    accepted.incrementAndGet();
                }
            }
        }, backward ? "reply-backward" : "reply-forward");
    }

    @Test
    void callbackRunsOnTheThreadThatEndsTheRequest() {
        AtomicInteger calls = new AtomicInteger();
        Thread[] ranOn = new Thread[1];
        pending.register("c1", "s1", FAR, outcome -> {
            calls.incrementAndGet();
            ranOn[0] = Thread.currentThread();
        });

        pending.complete("c1", reply("c1"));

        assertSame(Thread.currentThread(), ranOn[0]);
        assertEquals(1, calls.get());
    }

    @Test
    void completeAllEndsEveryPendingRequestOnceWithTheSameOutcome() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        pending.register("c-a", "s1", FAR, a);
        pending.register("c-b", "s2", FAR, b);
        Outcome doubt = new Outcome.InDoubt("broker lost");

        assertEquals(2, pending.completeAll(doubt));
        assertFalse(pending.complete("c-a", reply("c-a")));
        assertEquals(List.of(doubt), a.outcomes);
        assertEquals(List.of(doubt), b.outcomes);
        assertEquals(0, pending.size());
    }

    @Test
    void aRequestIsPendingUntilItEnds() {
        pending.register("c1", "s1", FAR, new Recorder());
        assertTrue(pending.isPending("c1"));

        pending.complete("c1", reply("c1"));

        assertFalse(pending.isPending("c1"));
    }
}
