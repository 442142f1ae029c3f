package io.meshgate.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerLinkTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<BrokerLink.Change> changes = new ArrayList<>();
    private final BrokerLink link = new BrokerLink(clock, Duration.ofSeconds(2), changes::add);

    @Test
    void theLinkStartsUp() {
        assertTrue(link.up());
    }

    @Test
    void aFailedSendLosesTheLinkAndIsToldOnce() {
        link.sendFailed("connection refused", clock.instant());
        link.sendFailed("connection refused", clock.instant());

        assertFalse(link.up());
        assertEquals(List.of(new BrokerLink.Change.Lost("connection refused")), changes);
    }

    @Test
    void aSendWaitingLongerThanTheStallLimitLosesTheLink() {
        Instant started = clock.instant();
        clock.advance(Duration.ofMillis(2_001));

        link.oldestSendWaiting(started);

        assertFalse(link.up());
    }

    @Test
    void aSlowSendDoesNotLoseTheLinkWhileMessagesStillArriveFromTheBroker() {
        Instant started = clock.instant();
        clock.advance(Duration.ofMillis(1_500));
        link.arrived(clock.instant());
        clock.advance(Duration.ofMillis(2_000));

        link.oldestSendWaiting(started);

        assertTrue(link.up());
        assertTrue(changes.isEmpty());
    }

    @Test
    void aSlowSendLosesTheLinkOnceNothingHasArrivedForTheStallLimit() {
        Instant started = clock.instant();
        link.arrived(clock.instant());
        clock.advance(Duration.ofMillis(2_001));

        link.oldestSendWaiting(started);

        assertEquals(List.of(new BrokerLink.Change.Lost(
                "a send has waited 2001 ms for the broker, and nothing has arrived from it for 2001 ms")), changes);
    }

    @Test
    void aSendWaitingWithinTheStallLimitKeepsTheLinkUp() {
        Instant started = clock.instant();
        clock.advance(Duration.ofMillis(2_000));

        link.oldestSendWaiting(started);

        assertTrue(link.up());
        assertTrue(changes.isEmpty());
    }

    @Test
    void aRoundTripOfAMessageSentBeforeTheLossDoesNotRegainTheLink() {
        Instant before = clock.instant();
        clock.advance(Duration.ofMillis(10));
        link.sendFailed("gone", clock.instant());

        link.roundTrip(before);

        assertFalse(link.up());
    }

    @Test
    void aRoundTripOfAMessageSentAfterTheLossRegainsTheLinkWithWhatFailedMeanwhile() {
        link.sendFailed("gone", clock.instant());
        link.refused();
        link.refused();
        clock.advance(Duration.ofSeconds(3));

        link.roundTrip(clock.instant());

        assertTrue(link.up());
        assertEquals(new BrokerLink.Change.Regained(Duration.ofSeconds(3), 2, 1), changes.get(1));
    }

    @Test
    void aRoundTripWhileUpTellsNothing() {
        link.roundTrip(clock.instant());

        assertTrue(changes.isEmpty());
    }

    @Test
    void aSendThatBeganBeforeTheLinkWasRegainedCannotLoseItAgainByWaiting() {
        Instant staleSend = clock.instant();
        link.sendFailed("gone", staleSend);
        clock.advance(Duration.ofSeconds(1));
        link.roundTrip(clock.instant());
        clock.advance(Duration.ofSeconds(5));

        link.oldestSendWaiting(staleSend);

        assertTrue(link.up());
        assertFalse(link.tells(staleSend));
    }

    @Test
    void aSendThatBeganBeforeTheLinkWasRegainedCannotLoseItAgainByFailing() {
        Instant staleSend = clock.instant();
        link.sendFailed("gone", staleSend);
        clock.advance(Duration.ofSeconds(1));
        link.roundTrip(clock.instant());

        link.sendFailed("call timed out", staleSend);

        assertTrue(link.up());
        assertEquals(2, changes.size());
    }

    @Test
    void aSendThatBeganAfterTheLinkWasRegainedLosesItAgain() {
        link.sendFailed("gone", clock.instant());
        clock.advance(Duration.ofSeconds(1));
        link.roundTrip(clock.instant());
        Instant fresh = clock.instant();
        clock.advance(Duration.ofMillis(2_001));

        link.oldestSendWaiting(fresh);

        assertFalse(link.up());
    }

    @Test
    void aFailedBrokerConnectionLosesTheLinkAtOnceWhileMessagesStillArrive() {
        link.arrived(clock.instant());

        link.connectionFailed("the broker connection failed");

        assertFalse(link.up());
        assertEquals(List.of(new BrokerLink.Change.Lost("the broker connection failed")), changes);
    }

    @Test
    void aRoundTripSentBeforeTheConnectionFailedDoesNotRegainTheLink() {
        Instant probeSent = clock.instant();
        clock.advance(Duration.ofMillis(10));
        link.connectionFailed("the broker connection failed");

        link.roundTrip(probeSent);

        assertFalse(link.up());
    }
}
