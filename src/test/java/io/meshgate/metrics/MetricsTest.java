package io.meshgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final Metrics metrics = new Metrics();

    private static long value(String rendered, String key) {
        return rendered.lines().filter(l -> l.startsWith(key + " "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(key.length() + 1))).sum();
    }

    @Test
    void aLabelledCounterIsExposedUnderItsNameWithTheLabel() {
        metrics.increment("meshgate_requests_received_total", "service", "echo");
        metrics.increment("meshgate_requests_received_total", "service", "echo");

        assertEquals(2, value(metrics.render(), "meshgate_requests_received_total{service=\"echo\"}"));
    }

    @Test
    void batchesAreCountedBySizeInPowerOfTwoBuckets() {
        metrics.batches("meshgate_reply_batches_total", java.util.List.of(1, 1, 2, 3, 4, 5, 16, 17, 32, 33, 64));

        String r = metrics.render();
        assertEquals(2, value(r, "meshgate_reply_batches_total{size=\"1\"}"));
        assertEquals(1, value(r, "meshgate_reply_batches_total{size=\"2\"}"));
        assertEquals(2, value(r, "meshgate_reply_batches_total{size=\"3-4\"}"));
        assertEquals(1, value(r, "meshgate_reply_batches_total{size=\"5-8\"}"));
        assertEquals(1, value(r, "meshgate_reply_batches_total{size=\"9-16\"}"));
        assertEquals(2, value(r, "meshgate_reply_batches_total{size=\"17-32\"}"));
        assertEquals(2, value(r, "meshgate_reply_batches_total{size=\"33+\"}"));
    }

    @Test
    void aCounterWithoutLabelsIsExposedUnderItsName() {
        metrics.increment("meshgate_sessions_opened_total");

        assertEquals(1, value(metrics.render(), "meshgate_sessions_opened_total"));
    }

    @Test
    void aCounterIsTypedUnderItsNameWithTheTotalSuffix() {
        metrics.increment("meshgate_replies_late_total");

        assertTrue(metrics.render().contains("# TYPE meshgate_replies_late_total counter\n"));
    }

    @Test
    void noCreatedSeriesIsExposed() {
        metrics.increment("meshgate_requests_total", "outcome", "ok");

        assertFalse(metrics.render().contains("_created"));
    }

    @Test
    void aLabelValueIsEscapedAsPrometheusReadsIt() {
        metrics.increment("meshgate_requests_received_total", "service", "a\"b\\c\nd");

        assertEquals(1, value(metrics.render(), "meshgate_requests_received_total{service=\"a\\\"b\\\\c\\nd\"}"));
    }

    @Test
    void addCountsSeveralAtOnce() {
        metrics.add("meshgate_pushes_delivered_total", "to", "topic", 3);
        metrics.add("meshgate_pushes_delivered_total", "to", "topic", 4);

        assertEquals(7, metrics.count("meshgate_pushes_delivered_total", "to", "topic"));
    }

    @Test
    void aCounterNeverCountedReadsZero() {
        assertEquals(0, metrics.count("meshgate_replies_late_total"));
        assertEquals(0, metrics.count("meshgate_pushes_dropped_total", "reason", "queue_full"));
    }

    @Test
    void aCounterCountedUnderAnotherLabelIsRefused() {
        metrics.increment("meshgate_pushes_sent_total", "to", "topic");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metrics.increment("meshgate_pushes_sent_total", "reason", "queue_full"));

        assertEquals("counter meshgate_pushes_sent_total is labelled to, not reason", e.getMessage());
    }

    @Test
    void aGaugeIsExposedWithItsHelpText() {
        metrics.gauge("meshgate_sessions", "open client sessions on this node", () -> 3);

        assertTrue(metrics.render().contains("# HELP meshgate_sessions open client sessions on this node\n"
                + "# TYPE meshgate_sessions gauge\nmeshgate_sessions 3.0\n"));
    }

    @Test
    void aGaugeIsReadWhenTheMetricsAreRendered() {
        AtomicInteger open = new AtomicInteger(1);
        metrics.gauge("meshgate_sessions", "open client sessions on this node", open::get);
        open.set(5);

        assertEquals(5, value(metrics.render(), "meshgate_sessions"));
    }

    @Test
    void aGaugeRegisteredAgainReplacesTheEarlierOne() {
        metrics.gauge("meshgate_push_queue", "pushes waiting to be sent to the broker", () -> 1);
        metrics.gauge("meshgate_push_queue", "pushes waiting to be sent to the broker", () -> 2);

        assertEquals(2, value(metrics.render(), "meshgate_push_queue"));
    }

    @Test
    void aRequestThatEndedIsCountedByOutcomeAndInItsService() {
        metrics.requestEnded("echo", "ok", 1_000);

        assertEquals(1, metrics.count("meshgate_requests_total", "outcome", "ok"));
        assertEquals(1, metrics.requestStats().interval().get(0).requests());
    }

    @Test
    void aProtocolErrorIsCountedByKindAndKept() {
        metrics.protocolError("BAD_MAC", "s1", "tag mismatch");

        assertEquals(1, metrics.count("meshgate_protocol_errors_total", "kind", "BAD_MAC"));
        assertEquals("tag mismatch", metrics.recentProtocolErrors().get(0).message());
    }

    @Test
    void countingAKnownLabelValueAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        metrics.increment("meshgate_requests_received_total", "service", "echo");
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            metrics.increment("meshgate_requests_received_total", "service", "echo");
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(100_001, metrics.count("meshgate_requests_received_total", "service", "echo"));
        assertEquals(0, allocated / 1_000, "kilobytes allocated by 100,000 counts: " + allocated);
    }
}
