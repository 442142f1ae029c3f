package io.meshgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProtocolErrorsTest {

    private static final Instant T = Instant.parse("2026-12-03T07:00:00Z");

    @Test
    void theNewestErrorComesFirst() {
        ProtocolErrors errors = new ProtocolErrors();
        errors.record(T, "BAD_MAC", "s1", "first");
        errors.record(T.plusSeconds(1), "BAD_CERTIFICATE", "s2", "second");

        assertEquals("BAD_CERTIFICATE", errors.recent().get(0).kind());
    }

    @Test
    void onlyTheLastErrorsAreKept() {
        ProtocolErrors errors = new ProtocolErrors();
        for (int i = 0; i < ProtocolErrors.KEPT + 5; i++) {
            errors.record(T.plusSeconds(i), "BAD_MAC", "s" + i, "error " + i);
        }

        assertEquals(ProtocolErrors.KEPT, errors.recent().size());
        assertEquals("error " + (ProtocolErrors.KEPT + 4), errors.recent().get(0).message());
    }

    @Test
    void aLongMessageIsCutWithAnEllipsis() {
        ProtocolErrors errors = new ProtocolErrors();
        errors.record(T, "BAD_REQUEST", null, "x".repeat(1000));

        String kept = errors.recent().get(0).message();

        assertEquals(ProtocolErrors.MESSAGE_CHARS, kept.length());
        assertEquals('…', kept.charAt(kept.length() - 1));
    }
}
