package io.meshgate.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameRateTest {

    @Test
    void burstOfTwiceTheRateIsAllowed() {
        FrameRate rate = new FrameRate(10, 0);
        for (int i = 0; i < 20; i++) {
            assertTrue(rate.tryTake(0), "frame " + i);
        }
    }

    @Test
    void frameBeyondTheBurstIsRefused() {
        FrameRate rate = new FrameRate(10, 0);
        for (int i = 0; i < 20; i++) {
            rate.tryTake(0);
        }

        assertFalse(rate.tryTake(0));
    }

    @Test
    void tokensComeBackAtTheRate() {
        FrameRate rate = new FrameRate(10, 0);
        for (int i = 0; i < 20; i++) {
            rate.tryTake(0);
        }

        assertTrue(rate.tryTake(100_000_000L), "one token after 100 ms at 10/s");
        assertFalse(rate.tryTake(100_000_000L));
    }

    @Test
    void steadyTrafficAtTheRateIsNeverRefused() {
        FrameRate rate = new FrameRate(100, 0);
        for (int i = 1; i <= 1000; i++) {
            assertTrue(rate.tryTake(i * 10_000_000L), "frame " + i);
        }
    }
}
