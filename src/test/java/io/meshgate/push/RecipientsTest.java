package io.meshgate.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.envelope.MeshPush;
import io.meshgate.testing.MutableClock;
import io.meshgate.wire.MeshgateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    private static final String ALICE = "CN=alice,O=meshgate";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final Recipients table = new Recipients(3, 2, Duration.ofMinutes(10), clock);
    private final PushRecipient a = push -> true;
    private final PushRecipient b = push -> true;
    private final PushRecipient c = push -> true;

    @Test
    void aSessionPushReachesOnlyThatSession() {
        table.attach("s-a", ALICE, a);
        table.attach("s-b", ALICE, b);

        assertEquals(List.of(a), table.matching(MeshPush.To.SESSION, "s-a"));
    }

    @Test
    void aSessionPushToAnUnknownSessionReachesNobody() {
        table.attach("s-a", ALICE, a);

        assertEquals(List.of(), table.matching(MeshPush.To.SESSION, "s-x"));
    }

    @Test
    void anIdentityPushReachesEverySessionOfThatIdentity() {
        table.attach("s-a", ALICE, a);
        table.attach("s-b", ALICE, b);
        table.attach("s-c", "CN=bob,O=meshgate", c);

        assertEquals(List.of(a, b), table.matching(MeshPush.To.IDENTITY, ALICE));
    }

    @Test
    void aSessionWithoutAnIdentityIsReachedByNoIdentityPush() {
        table.attach("s-a", null, a);

        assertEquals(List.of(), table.matching(MeshPush.To.IDENTITY, "null"));
    }

    @Test
    void aTopicPushReachesOnlyTheSessionsSubscribedToIt() {
        table.attach("s-a", ALICE, a);
        table.attach("s-b", ALICE, b);
        table.subscribe("s-a", List.of("orders"));
        table.subscribe("s-b", List.of("prices"));

        assertEquals(List.of(a), table.matching(MeshPush.To.TOPIC, "orders"));
    }

    @Test
    void aSubscribeAnswersTheSessionsTopicsSorted() {
        table.attach("s-a", ALICE, a);
        table.subscribe("s-a", List.of("prices"));

        assertEquals(List.of("orders", "prices"), table.subscribe("s-a", List.of("orders")));
    }

    @Test
    void anUnsubscribedSessionNoLongerMatchesTheTopic() {
        table.attach("s-a", ALICE, a);
        table.subscribe("s-a", List.of("orders", "prices"));

        assertEquals(List.of("prices"), table.unsubscribe("s-a", List.of("orders", "never-subscribed")));
        assertEquals(List.of(), table.matching(MeshPush.To.TOPIC, "orders"));
    }

    @Test
    void subscribingTwiceToATopicHoldsOneSubscription() {
        table.attach("s-a", ALICE, a);
        table.subscribe("s-a", List.of("orders", "orders"));
        table.subscribe("s-a", List.of("orders"));

        assertEquals(1, table.subscriptions());
    }

    @Test
    void aSubscribeBeyondTheLimitIsRefusedAndChangesNothing() {
        table.attach("s-a", ALICE, a);
        table.subscribe("s-a", List.of("t1", "t2"));

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> table.subscribe("s-a", List.of("t3", "t4")));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("a session may subscribe to at most 3 topics", e.getMessage());
        assertEquals(List.of(), table.matching(MeshPush.To.TOPIC, "t3"));
        assertEquals(2, table.subscriptions());
    }

    @Test
    void aDetachedSessionIsReachedByNothingAndHoldsNoSubscriptions() {
        table.attach("s-a", ALICE, a);
        table.subscribe("s-a", List.of("orders"));

        table.detach("s-a", true);

        assertEquals(List.of(), table.matching(MeshPush.To.TOPIC, "orders"));
        assertEquals(List.of(), table.matching(MeshPush.To.IDENTITY, ALICE));
        assertEquals(0, table.subscriptions());
    }

    @Test
    void aSessionThatEndedForGoodIsKnownToHaveEndedHere() {
        table.attach("s-a", ALICE, a);

        table.detach("s-a", true);

        assertTrue(table.endedHere("s-a"));
    }

    @Test
    void aSessionWhoseConnectionDroppedMayLiveElsewhereSoItIsNotKnownToHaveEnded() {
        table.attach("s-a", ALICE, a);

        table.detach("s-a", false);

        assertFalse(table.endedHere("s-a"));
    }

    @Test
    void anEndedSessionIsForgottenAfterItsTime() {
        table.attach("s-a", ALICE, a);
        table.detach("s-a", true);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertFalse(table.endedHere("s-a"));
    }

    @Test
    void endedSessionsBeyondTheCapAreForgottenOldestFirst() {
        for (String id : List.of("s-1", "s-2", "s-3")) {
            table.attach(id, ALICE, a);
            table.detach(id, true);
        }

        assertFalse(table.endedHere("s-1"));
        assertTrue(table.endedHere("s-2"));
        assertTrue(table.endedHere("s-3"));
    }

    @Test
    void aResumedSessionIsReachedUnderItsResumedIdWithTheTopicsOfTheResume() {
        table.attach("connection-1", ALICE, a);

        assertEquals(List.of("orders"), table.resumed("connection-1", "s-old", List.of("orders")));

        assertEquals(List.of(a), table.matching(MeshPush.To.SESSION, "s-old"));
        assertEquals(List.of(a), table.matching(MeshPush.To.TOPIC, "orders"));
        assertEquals(List.of(a), table.matching(MeshPush.To.IDENTITY, ALICE));
        assertEquals(List.of(), table.matching(MeshPush.To.SESSION, "connection-1"));
    }

    @Test
    void aResumeKeepsTopicsUpToTheLimit() {
        table.attach("connection-1", ALICE, a);

        assertEquals(List.of("t1", "t2", "t3"), table.resumed("connection-1", "s-old", List.of("t1", "t2", "t3", "t4")));
    }

    @Test
    void aSessionResumedHereIsNoLongerKnownToHaveEndedHere() {
        table.attach("s-old", ALICE, a);
        table.detach("s-old", true);
        table.attach("connection-1", ALICE, b);

        table.resumed("connection-1", "s-old", List.of());

        assertFalse(table.endedHere("s-old"));
    }
}
