package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosResultTest {

    private static ChaosResult result(long lost, long duplicateAnswers, String faultError) {
        return new ChaosResult("kill-broker", 200, 30, 20, 10 + lost, 8, Map.of("TIMEOUT", 2L), lost, duplicateAnswers,
                1, Map.of("work", 1L), 0, 1500, 3, 2, 10_000, 16_000, 199.9,
                Map.of("echo", new ChaosResult.ServiceCounts(5, 4, Map.of("TIMEOUT", 1L), 0, 0)), LATENCY, faultError);
    }

    private static final Map<String, Map<ChaosLedger.Phase, PhaseLatency>> LATENCY = Map.of("echo", Map.of(
            ChaosLedger.Phase.BEFORE_FAULT, new PhaseLatency(3, 2, 4, 4),
            ChaosLedger.Phase.DURING_FAULT, new PhaseLatency(4, 3, 900, 900),
            ChaosLedger.Phase.AFTER_FAULT, new PhaseLatency(1, 5, 5, 5)));

    @Test
    void aRunWithNothingLostNorAnsweredTwicePasses() {
        assertTrue(result(0, 0, null).passed());
    }

    @Test
    void aLostRequestFailsTheRun() {
        assertFalse(result(1, 0, null).passed());
    }

    @Test
    void aDuplicateAnswerFailsTheRun() {
        assertFalse(result(0, 1, null).passed());
    }

    @Test
    void aFaultThatCouldNotBeInjectedOrUndoneFailsTheRun() {
        assertFalse(result(0, 0, "restore: node-3 did not get ready").passed());
    }

    @Test
    void outcomesThatDoNotAddUpToTheRequestsSentAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChaosResult("x", 1, 1, 1, 5, 1, Map.of(), 0, 0, 0,
                Map.of(), 0, -1, 0, 0, 0, 0, 1, Map.of(), Map.of(), null));
    }

    @Test
    void theJsonHasTheDocumentedFieldsInOrder() {
        List<String> fields = new ArrayList<>();
        result(0, 0, null).toJson().fieldNames().forEachRemaining(fields::add);

        assertEquals(List.of("scenario", "rate", "durationS", "sessions", "sent", "ok", "errors", "lost",
                "duplicateAnswers", "duplicateExecutions", "duplicateExecutionsByService", "wrongAnswers", "recoveryMs",
                "resumes", "sessionsMoved", "faultAtMs", "faultEndMs", "achievedRate", "byService", "latencyMs"), fields);
    }

    @Test
    void theLatencyIsReportedPerServiceAndPhaseInTheOrderOfTheRun() {
        List<String> phases = new ArrayList<>();
        var latency = result(0, 0, null).toJson().get("latencyMs").get("echo");
        latency.fieldNames().forEachRemaining(phases::add);

        assertEquals(List.of("beforeFault", "duringFault", "afterFault"), phases);
        assertEquals("{\"count\":4,\"p50\":3,\"p99\":900,\"max\":900}", latency.get("duringFault").toString());
    }

    @Test
    void aFaultErrorIsReportedOnlyWhenThereIsOne() {
        assertEquals("restore: x", result(0, 0, "restore: x").toJson().get("faultError").asText());
        assertFalse(result(0, 0, null).toJson().has("faultError"));
    }
}
