package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapacityRunTest {

    @Test
    void theFirstSessionsComeFromTheFirstLoopbackAddress() {
        assertEquals("127.0.0.1", CapacityRun.source(0).getHostAddress());
        assertEquals("127.0.0.1", CapacityRun.source(CapacityRun.PER_SOURCE - 1).getHostAddress());
    }

    @Test
    void eachFurtherBlockOfSessionsComesFromTheNextLoopbackAddress() {
        assertEquals("127.0.0.2", CapacityRun.source(CapacityRun.PER_SOURCE).getHostAddress());
        assertEquals("127.0.0.3", CapacityRun.source(2 * CapacityRun.PER_SOURCE + 7).getHostAddress());
    }

    @Test
    void settingsRefuseNoConnections() {
        assertThrows(IllegalArgumentException.class, () -> new CapacityRun.Settings(0, 1, 1));
    }

    @Test
    void theRssOfThisProcessIsRead() throws Exception {
        assertTrue(CapacityRun.rss(ProcessHandle.current().pid()) > 1_000_000);
    }

    @Test
    void theRssOfAMissingProcessIsZero() throws Exception {
        assertEquals(0, CapacityRun.rss(Long.MAX_VALUE));
    }

    @Test
    void theHeapOfThisProcessIsReadAfterAFullGc() throws Exception {
        long[] heap = CapacityRun.heapAfterFullGc(ProcessHandle.current().pid());

        assertTrue(heap[1] > 0 && heap[1] <= heap[0], heap[0] + " " + heap[1]);
    }
}
