package io.meshgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.envelope.MeshRequest;
import io.meshgate.service.AdmissionPolicy.Decision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadFactorAdmissionTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    private final LoadFactorAdmission policy = new LoadFactorAdmission(3, 20);

    private static MeshRequest request(int loadFactor, int hops) {
        return new MeshRequest("c1", "echo", "ping", "{}".getBytes(StandardCharsets.UTF_8), "s1", "node-a", "r",
                NOW.plusSeconds(30), loadFactor, hops, null, NOW, null);
    }

    @Test
    void acceptsWhenLoadIsBelowTheLoadFactor() {
        assertEquals(new Decision.Accept(), policy.decide(request(60, 0), new LoadSnapshot(5, 10)));
    }

    @Test
    void acceptsBelowTheFactorEvenAfterMaxHops() {
        assertEquals(new Decision.Accept(), policy.decide(request(60, 3), new LoadSnapshot(5, 10)));
    }

    @Test
    void declinesWhenLoadEqualsTheLoadFactor() {
        assertEquals(new Decision.Decline(80), policy.decide(request(60, 0), new LoadSnapshot(6, 10)));
    }

    @Test
    void declinesWhenLoadIsAboveTheLoadFactor() {
        assertEquals(new Decision.Decline(80), policy.decide(request(60, 2), new LoadSnapshot(9, 10)));
    }

    @ParameterizedTest(name = "factor {0} + step 20 -> {1}")
    @CsvSource({"0, 20", "79, 99", "80, 100", "81, 100", "95, 100", "100, 100"})
    void declineRaisesTheFactorByTheStepCappedAtHundred(int loadFactor, int next) {
        assertEquals(new Decision.Decline(next), policy.decide(request(loadFactor, 0), new LoadSnapshot(10, 10)));
    }

    @Test
    void rejectsWhenHopsReachMaxHops() {
        assertEquals(new Decision.Reject("no node could take the request within its limits (declined 3 times)"),
                policy.decide(request(60, 3), new LoadSnapshot(9, 10)));
    }

    @Test
    void rejectsWhenHopsExceedMaxHops() {
        assertEquals(new Decision.Reject("no node could take the request within its limits (declined 5 times)"),
                policy.decide(request(60, 5), new LoadSnapshot(9, 10)));
    }

    @Test
    void rejectsAtOnceWhenMaxHopsIsZero() {
        LoadFactorAdmission noHops = new LoadFactorAdmission(0, 20);

        assertEquals(new Decision.Reject("no node could take the request within its limits (declined 0 times)"),
                noHops.decide(request(60, 0), new LoadSnapshot(9, 10)));
    }

    @Test
    void fullNodeDoesNotAcceptEvenWithFactorHundred() {
        assertEquals(new Decision.Decline(100), policy.decide(request(100, 0), new LoadSnapshot(10, 10)));
    }

    @Test
    void overfullNodeDoesNotAcceptEvenWithFactorHundred() {
        assertEquals(new Decision.Decline(100), policy.decide(request(100, 0), new LoadSnapshot(25, 10)));
    }

    @Test
    void nearlyFullNodeAcceptsWithFactorHundred() {
        assertEquals(new Decision.Accept(), policy.decide(request(100, 0), new LoadSnapshot(199, 200)));
    }

    @Test
    void idleNodeDeclinesWithFactorZero() {
        assertEquals(new Decision.Decline(20), policy.decide(request(0, 0), new LoadSnapshot(0, 10)));
    }

    @Test
    void constructorRejectsNegativeMaxHops() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoadFactorAdmission(-1, 20));

        assertEquals("maxHops must be >= 0 and step within 0..100", e.getMessage());
    }

    @Test
    void constructorRejectsStepAboveHundred() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoadFactorAdmission(3, 101));

        assertEquals("maxHops must be >= 0 and step within 0..100", e.getMessage());
    }

    @Test
    void constructorRejectsNegativeStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoadFactorAdmission(3, -1));

        assertEquals("maxHops must be >= 0 and step within 0..100", e.getMessage());
    }
}
