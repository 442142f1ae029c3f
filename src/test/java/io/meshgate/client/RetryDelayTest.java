package io.meshgate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryDelayTest {

    private static final RandomGenerator RANDOM = new SplittableRandom(42);

    /** A generator that always draws its bound's top (the longest wait) or 0 (the shortest). */
    private static RandomGenerator always(boolean top) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return top ? bound - 1 : 0;
            }
        };
    }

    @Test
    void aRetryIsNeverSoonerThanTheNodesAdvice() {
        for (int i = 0; i < 10_000; i++) {
            assertTrue(RetryDelay.afterUnavailable(0, 1_000, RANDOM) >= 1_000);
        }
    }

    @Test
    void aRetryWaitsAtMostAQuarterLongerThanTheAdvice() {
        assertEquals(1_250, RetryDelay.afterUnavailable(0, 1_000, always(true)));
    }

    @Test
    void theShortestWaitForAdviceIsTheAdviceItself() {
        assertEquals(250, RetryDelay.afterUnavailable(0, 250, always(false)));
    }

    @Test
    void withoutAdviceTheFirstRetryWaitsHalfToAllOf50Ms() {
        assertEquals(25, RetryDelay.afterUnavailable(0, 0, always(false)));
        assertEquals(50, RetryDelay.afterUnavailable(0, 0, always(true)));
    }

    @Test
    void withoutAdviceTheBackoffDoublesUpToOneSecond() {
        assertEquals(800, RetryDelay.afterUnavailable(4, 0, always(true)));
        assertEquals(1_000, RetryDelay.afterUnavailable(5, 0, always(true)));
        assertEquals(1_000, RetryDelay.afterUnavailable(30, 0, always(true)));
    }

    @Test
    void aLongBackoffOutweighsShortAdvice() {
        assertEquals(1_000, RetryDelay.afterUnavailable(9, 250, always(true)));
    }
}
