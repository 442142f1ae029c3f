package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.wire.Json;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    @Test
    void payloadHasTheRequestedSizeAsJson() throws Exception {
        assertEquals(1024, Json.mapper().writeValueAsBytes(LoadGenerator.payload(1024)).length);
    }

    @Test
    void settingsRefuseANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new LoadGenerator.Settings(0, 10, 0, 1, 1024, "echo"));
    }

    @Test
    void resultLineCarriesPercentilesErrorsAndCpuPerRequest() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i * 100L);
        }
        LoadGenerator.Result r = new LoadGenerator.Result(new LoadGenerator.Settings(100, 1, 0, 2, 1024, "echo"),
                99.5, h, Map.of("TIMEOUT", 1L), 100, Map.of("node-1", 30_000L, "broker", 10_000L));

        ObjectNode line = LoadGenerator.toJson(r);

        assertTrue(h.valuesAreEquivalent(5000, line.get("p50Us").asLong()), line.toString());
        assertTrue(h.valuesAreEquivalent(9900, line.get("p99Us").asLong()), line.toString());
        assertEquals(1, line.get("errors").get("TIMEOUT").asLong());
        assertEquals(400, line.get("serverCpuUsPerRequest").asLong());
        assertEquals(99.5, line.get("achieved").asDouble());
    }

    @Test
    void cpuOfThisProcessIsCounted() {
        long spent = 0;
        for (int i = 0; i < 50_000_000; i++) {
            spent += i % 7;
        }
        assertTrue(ProcessCpu.micros(ProcessHandle.current().pid()) > 0, "no CPU read after " + spent);
    }

    @Test
    void cpuOfAMissingProcessIsZero() {
        assertEquals(0, ProcessCpu.micros(Long.MAX_VALUE));
    }
}
