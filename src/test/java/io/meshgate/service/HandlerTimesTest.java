package io.meshgate.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HandlerTimesTest {

    private final HandlerTimes times = new HandlerTimes();

    @Test
    void anOperationNeverTimedIsNotQuick() {
        assertFalse(times.quick("echo", "echo", 1_000_000));
    }

    @Test
    void anOperationTimedUnderTheLimitIsQuick() {
        times.record("echo", "echo", 50_000);

        assertTrue(times.quick("echo", "echo", 500_000));
    }

    @Test
    void oneSlowRequestMakesAQuickOperationSlowOnceItWeighsEnough() {
        for (int i = 0; i < 20; i++) {
            times.record("work", "mixed", 10_000);
        }
        times.record("work", "mixed", 100_000_000);

        assertFalse(times.quick("work", "mixed", 500_000), "an eighth of 100 ms is over the limit");
    }

    @Test
    void operationsOfOneServiceAreTimedApart() {
        times.record("work", "quick", 10_000);
        times.record("work", "sleep", 10_000_000_000L);

        assertTrue(times.quick("work", "quick", 500_000));
        assertFalse(times.quick("work", "sleep", 500_000));
    }

    @Test
    void pairsBeyondTheMostKeptAreNeverQuick() {
        for (int i = 0; i < HandlerTimes.MAX_KEYS; i++) {
            times.record("svc", "op-" + i, 1);
        }
        times.record("svc", "one-too-many", 1);

        assertFalse(times.quick("svc", "one-too-many", 500_000));
        assertTrue(times.quick("svc", "op-0", 500_000));
    }
}
