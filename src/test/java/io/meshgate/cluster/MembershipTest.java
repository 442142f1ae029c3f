package io.meshgate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MembershipTest {

    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    private static final Duration EXPIRY = Duration.ofMillis(3500);

    private final MutableClock clock = new MutableClock(T0);
    private final List<String> departures = new CopyOnWriteArrayList<>();
    private final Membership membership = new Membership(EXPIRY, clock, (id, why) -> departures.add(id));
    private final List<Membership.Departure> reasons = new CopyOnWriteArrayList<>();
    private final Membership reasoned = new Membership(EXPIRY, clock, (id, why) -> reasons.add(why));

    private NodeStatus status(String nodeId, String... services) {
        return new NodeStatus(nodeId, List.of(services), 0, 8, 0, clock.instant());
    }

    private static List<String> ids(List<NodeStatus> members) {
        return members.stream().map(NodeStatus::nodeId).toList();
    }

    @Test
    void heardReturnsTrueForANewNode() {
        assertTrue(membership.heard(status("node-a")));
    }

    @Test
    void heardReturnsFalseForAKnownNode() {
        membership.heard(status("node-a"));
        clock.advance(Duration.ofSeconds(1));

        assertFalse(membership.heard(status("node-a")));
    }

    @Test
    void heardReturnsTrueForANodeThatDepartedEarlier() {
        membership.heard(status("node-a"));
        membership.departed("node-a");

        assertTrue(membership.heard(status("node-a")));
    }

    @Test
    void heardReplacesTheKnownStatus() {
        membership.heard(status("node-a", "echo"));
        NodeStatus newer = status("node-a", "time");

        membership.heard(newer);

        assertSame(newer, membership.member("node-a"));
    }

    @Test
    void isHostedForALiveNodeHostingTheService() {
        membership.heard(status("node-a", "echo", "time"));

        assertTrue(membership.isHosted("time"));
    }

    @Test
    void isNotHostedWhenNoNodeHostsTheService() {
        membership.heard(status("node-a", "echo"));

        assertFalse(membership.isHosted("work"));
    }

    @Test
    void isNotHostedByANodeSilentLongerThanTheExpiry() {
        membership.heard(status("node-a", "echo"));
        clock.advance(EXPIRY.plusMillis(1));

        assertFalse(membership.isHosted("echo"));
    }

    @Test
    void isHostedByANodeSilentExactlyForTheExpiry() {
        membership.heard(status("node-a", "echo"));
        clock.advance(EXPIRY);

        assertTrue(membership.isHosted("echo"));
    }

    @Test
    void isNotHostedByADepartedNode() {
        membership.heard(status("node-a", "echo"));
        membership.departed("node-a");

        assertFalse(membership.isHosted("echo"));
    }

    @Test
    void expireKeepsANodeSilentExactlyForTheExpiry() {
        membership.heard(status("node-a"));
        clock.advance(EXPIRY);

        membership.expire();

        assertEquals(List.of("node-a"), ids(membership.members()));
        assertEquals(List.of(), departures);
    }

    @Test
    void expireDropsNodesSilentLongerThanTheExpiry() {
        membership.heard(status("node-a"));
        clock.advance(Duration.ofSeconds(2));
        membership.heard(status("node-b"));
        clock.advance(Duration.ofSeconds(2));

        membership.expire();

        assertEquals(List.of("node-b"), ids(membership.members()));
        assertNull(membership.member("node-a"));
    }

    @Test
    void expireTellsEachDepartureOnce() {
        membership.heard(status("node-a"));
        membership.heard(status("node-b"));
        clock.advance(EXPIRY.plusMillis(1));

        membership.expire();
        membership.expire();
        membership.members();

        assertEquals(List.of("node-a", "node-b"), departures.stream().sorted().toList());
    }

    @Test
    void departedRemovesTheNodeAndTellsOnce() {
        membership.heard(status("node-a"));
        membership.heard(status("node-b"));

        membership.departed("node-a");
        membership.departed("node-a");

        assertEquals(List.of("node-a"), departures);
        assertEquals(List.of("node-b"), ids(membership.members()));
    }

    @Test
    void departedOfUnknownNodeTellsNothing() {
        membership.departed("node-z");

        assertEquals(List.of(), departures);
    }

    @Test
    void expiredNodeThatDepartsLaterIsNotToldTwice() {
        membership.heard(status("node-a"));
        clock.advance(EXPIRY.plusMillis(1));
        membership.expire();

        membership.departed("node-a");

        assertEquals(List.of("node-a"), departures);
    }

    @Test
    void membersAreSortedById() {
        membership.heard(status("node-c"));
        membership.heard(status("node-a"));
        membership.heard(status("node-b"));

        assertEquals(List.of("node-a", "node-b", "node-c"), ids(membership.members()));
    }

    @Test
    void membersDropsAndTellsExpiredNodes() {
        membership.heard(status("node-a"));
        clock.advance(EXPIRY.plusMillis(1));

        assertEquals(List.of(), membership.members());
        assertEquals(List.of("node-a"), departures);
    }

    @Test
    void memberIsNullForAnUnknownNode() {
        assertNull(membership.member("node-z"));
    }

    @Test
    void memberIsNullForANodeSilentLongerThanTheExpiry() {
        membership.heard(status("node-a"));
        clock.advance(EXPIRY.plusMillis(1));

        assertNull(membership.member("node-a"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void concurrentExpiryTellsEachDepartureOnce() throws Exception {
        CountDownLatch firstToldInProgress = new CountDownLatch(1);
        CountDownLatch secondCallerDone = new CountDownLatch(1);
        List<String> told = new CopyOnWriteArrayList<>();
        Membership view = new Membership(EXPIRY, clock, (id, why) -> {
            told.add(id);
            if (told.size() == 1) {
                firstToldInProgress.countDown();
                try {
                    secondCallerDone.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        view.heard(status("node-a"));
        clock.advance(EXPIRY.plusMillis(1));
        Thread heartbeat = new Thread(view::expire, "heartbeat-expiry");
        heartbeat.start();
        assertTrue(firstToldInProgress.await(1, TimeUnit.SECONDS));

        view.members();
        secondCallerDone.countDown();
        heartbeat.join(2_000);

        assertEquals(List.of("node-a"), told);
    }

    @Test
    void announcedDepartureIsToldAsAnnounced() {
        reasoned.heard(status("node-a"));
        reasoned.departed("node-a");

        assertEquals(List.of(Membership.Departure.ANNOUNCED), reasons);
    }

    @Test
    void silentNodeIsToldAsExpired() {
        reasoned.heard(status("node-a"));
        clock.advance(EXPIRY.plusMillis(1));
        reasoned.expire();

        assertEquals(List.of(Membership.Departure.EXPIRED), reasons);
    }

    @Test
    void aNodeSilentWhileThisNodeHearsNothingStaysAMember() {
        List<Instant> listening = new CopyOnWriteArrayList<>(List.of(T0));
        Membership view = new Membership(EXPIRY, clock, (id, why) -> departures.add(id), () -> listening.get(0));
        view.heard(status("node-a", "echo"));
        clock.advance(EXPIRY.plusSeconds(5));
        listening.set(0, clock.instant());

        view.expire();

        assertTrue(view.isHosted("echo"));
        assertEquals(List.of(), departures);
    }

    @Test
    void aNodeSilenceCountsOnlyFromWhenThisNodeListensAgain() {
        List<Instant> listening = new CopyOnWriteArrayList<>(List.of(T0));
        Membership view = new Membership(EXPIRY, clock, (id, why) -> departures.add(id), () -> listening.get(0));
        view.heard(status("node-a", "echo"));
        clock.advance(Duration.ofSeconds(5));
        listening.set(0, clock.instant());
        clock.advance(EXPIRY);

        assertEquals(List.of("node-a"), ids(view.members()));

        clock.advance(Duration.ofMillis(1));

        assertEquals(List.of(), view.members());
        assertEquals(List.of("node-a"), departures);
    }
}
