package io.meshgate.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.wire.MeshgateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    /** What the sink was given, batch by batch, by lane. */
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    private static final class Thing implements Coalescer.Item {
        final String name;
        final int bytes;
        volatile String outcome = "waiting";

        Thing(String name, int bytes) {
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        public int bytes() {
            return bytes;
        }

        @Override
        public void sent() {
            outcome = "sent";
        }

        @Override
        public void failed(MeshgateException e) {
            outcome = "failed: " + e.getMessage();
        }
    }

    private Coalescer<Thing> recording(int maxCount, int maxBytes) {
        return new Coalescer<>((lane, batch) -> sent.add(lane + " " + names(batch)), maxCount, maxBytes);
    }

    private static List<String> names(List<Thing> batch) {
        return batch.stream().map(t -> t.name).toList();
    }

    @Test
    void anIdleLaneSendsABatchOfOne() {
        Coalescer<Thing> c = recording(64, 1_000);
        Thing a = new Thing("a", 10);
        c.add("q", a);

        assertEquals(List.of(1), c.drain("q"));
        assertEquals(List.of("q [a]"), sent);
        assertEquals("sent", a.outcome);
    }

    @Test
    void itemsAddedWhileASendIsInFlightLeaveTogetherInTheNextSend() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Coalescer<Thing> c = new Coalescer<>((lane, batch) -> {
            sent.add(lane + " " + names(batch));
            if (batch.get(0).name.equals("first")) {
                inFlight.countDown();
                await(release);
            }
        }, 64, 1_000);
        c.add("q", new Thing("first", 1));
        CompletableFuture<List<Integer>> leader = CompletableFuture.supplyAsync(() -> c.drain("q"));
        assertTrue(inFlight.await(10, TimeUnit.SECONDS));

        c.add("q", new Thing("b", 1));
        c.add("q", new Thing("c", 1));
        c.add("q", new Thing("d", 1));
        assertEquals(List.of(), c.drain("q"), "a second thread finds the lane busy and leaves its items");
        release.countDown();

        assertEquals(List.of(1, 3), leader.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("q [first]", "q [b, c, d]"), sent);
    }

    @Test
    void aBatchHoldsAtMostMaxCountItems() {
        Coalescer<Thing> c = recording(2, 1_000);
        for (String n : List.of("a", "b", "c", "d", "e")) {
            c.add("q", new Thing(n, 1));
        }

        assertEquals(List.of(2, 2, 1), c.drain("q"));
        assertEquals(List.of("q [a, b]", "q [c, d]", "q [e]"), sent);
    }

    @Test
    void aBatchStopsBeforeTheItemThatWouldPassMaxBytes() {
        Coalescer<Thing> c = recording(64, 100);
        c.add("q", new Thing("a", 60));
        c.add("q", new Thing("b", 40));
        c.add("q", new Thing("c", 1));

        c.drain("q");

        assertEquals(List.of("q [a, b]", "q [c]"), sent);
    }

    @Test
    void anItemLargerThanMaxBytesLeavesAlone() {
        Coalescer<Thing> c = recording(64, 100);
        c.add("q", new Thing("big", 500));
        c.add("q", new Thing("small", 1));

        c.drain("q");

        assertEquals(List.of("q [big]", "q [small]"), sent);
    }

    @Test
    void lanesAreSeparate() {
        Coalescer<Thing> c = recording(64, 1_000);
        c.add("q1", new Thing("a", 1));
        c.add("q2", new Thing("b", 1));

        c.drain("q1");

        assertEquals(List.of("q1 [a]"), sent);
        assertEquals(1, c.waiting());
    }

    @Test
    void everyItemOfABatchTheBrokerRefusedIsToldWhy() {
        Coalescer<Thing> c = new Coalescer<>((lane, batch) -> {
            throw MeshgateException.unavailable("broker gone");
        }, 64, 1_000);
        Thing a = new Thing("a", 1);
        Thing b = new Thing("b", 1);
        c.add("q", a);
        c.add("q", b);

        c.drain("q");

        assertEquals("failed: broker gone", a.outcome);
        assertEquals("failed: broker gone", b.outcome);
    }

    @Test
    void anUnexpectedFailureIsToldToItsItemsAndTheLaneGoesOn() {
        Coalescer<Thing> c = new Coalescer<>((lane, batch) -> {
            if (batch.get(0).name.equals("a")) {
                throw new IllegalStateException("boom");
            }
            sent.add(lane + " " + names(batch));
        }, 1, 1_000);
        Thing a = new Thing("a", 1);
        Thing b = new Thing("b", 1);
        c.add("q", a);
        c.add("q", b);

        c.drain("q");

        assertEquals("failed: sending a batch failed: java.lang.IllegalStateException: boom", a.outcome);
        assertEquals("sent", b.outcome);
        assertFalse(c.draining("q"));
    }

    @Test
    void noItemIsLeftBehindWhenManyThreadsAddAndDrainAtOnce() throws Exception {
        Coalescer<Thing> c = recording(8, 1_000);
        int threads = 8;
        int perThread = 2_000;
        List<Thing> all = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(CompletableFuture.runAsync(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    Thing x = new Thing(id + "-" + i, 1);
                    all.add(x);
                    c.add("q", x);
                    c.drain("q");
                }
            }));
        }
        start.countDown();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertEquals(threads * perThread, all.size());
        assertTrue(all.stream().allMatch(x -> x.outcome.equals("sent")), "every item sent");
        assertEquals(0, c.waiting());
    }

    @Test
    void aBatchCapOutsideOneToTheBatchFormatsMostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> recording(0, 1));
        assertThrows(IllegalArgumentException.class, () -> recording(1025, 1));
    }

    @Test
    void drainingALaneNeverUsedSendsNothing() {
        Coalescer<Thing> c = recording(64, 1_000);

        assertEquals(List.of(), c.drain("nowhere"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
