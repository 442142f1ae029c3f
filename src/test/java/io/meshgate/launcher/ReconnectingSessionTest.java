package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReconnectingSessionTest {

    @Test
    void backoffDoublesFrom100MsAndStopsAt2Seconds() {
        long[] steps = new long[8];
        for (int attempt = 0; attempt < steps.length; attempt++) {
            steps[attempt] = ReconnectingSession.backoffMs(attempt, 0.999_999);
        }

        assertEquals(99, steps[0]);
        assertEquals(199, steps[1]);
        assertEquals(399, steps[2]);
        assertEquals(1_999, steps[5]);
        assertEquals(1_999, steps[7]);
    }

    @Test
    void jitterKeepsEachBackoffBetweenHalfOfItsStepAndAllOfIt() {
        assertEquals(50, ReconnectingSession.backoffMs(0, 0.0));
        assertEquals(1_000, ReconnectingSession.backoffMs(9, 0.0));
        assertEquals(75, ReconnectingSession.backoffMs(0, 0.5));
    }

    @Test
    void manyFailedAttemptsNeitherOverflowNorExceedTheCap() {
        assertEquals(1_999, ReconnectingSession.backoffMs(Integer.MAX_VALUE, 0.999_999));
    }
}
