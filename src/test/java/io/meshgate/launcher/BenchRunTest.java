package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.wire.Json;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchRunTest {

    private static LoadGenerator.Phase phase(int rate, double achieved, long p99Us, long errors) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(1_000, 98L * rate / 100);
        h.recordValueWithCount(p99Us, rate - 98L * rate / 100);
        return new LoadGenerator.Phase(rate, rate, achieved, h, errors == 0 ? Map.of() : Map.of("TIMEOUT", errors), rate);
    }

    @Test
    void aStepHoldsWithinAllThreeLimits() {
        assertTrue(BenchRun.holds(phase(1000, 999, 40_000, 1)));
    }

    @Test
    void aStepWithP99Over50MsDoesNotHold() {
        assertFalse(BenchRun.holds(phase(1000, 1000, 60_000, 0)));
    }

    @Test
    void aStepWithMoreThanOnePerThousandErrorsDoesNotHold() {
        assertFalse(BenchRun.holds(phase(1000, 1000, 10_000, 2)));
    }

    @Test
    void aStepThatAchievesUnder95PercentOfItsRateDoesNotHold() {
        assertFalse(BenchRun.holds(phase(1000, 940, 10_000, 0)));
    }

    @Test
    void settingsRefuseANonPositiveRate() {
        assertThrows(IllegalArgumentException.class,
                () -> new BenchRun.Settings(0, 10, 0, 1, 1024, "echo", false, true));
    }

    @Test
    void phaseJsonCarriesPercentilesErrorsAndCpuPerRequest() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i * 100L);
        }
        LoadGenerator.Phase p = new LoadGenerator.Phase(100, 100, 99.5, h, Map.of("TIMEOUT", 1L), 100);
        ObjectNode line = Json.mapper().createObjectNode();

        BenchRun.writePhase(line, new BenchRun.Measured(p, Map.of("node-1", 30_000L, "broker", 10_000L), 25_000L));

        assertTrue(h.valuesAreEquivalent(5000, line.get("p50Us").asLong()), line.toString());
        assertTrue(h.valuesAreEquivalent(9900, line.get("p99Us").asLong()), line.toString());
        assertEquals(1, line.get("errors").get("TIMEOUT").asLong());
        assertEquals(400, line.get("serverCpuUsPerRequest").asLong());
        assertEquals(250, line.get("clientCpuUsPerRequest").asLong());
        assertEquals(99.5, line.get("achieved").asDouble());
    }

    @Test
    void payloadHasTheRequestedSizeAsJson() throws Exception {
        assertEquals(1024, Json.mapper().writeValueAsBytes(GatewayTarget.payload(1024)).length);
    }
}
