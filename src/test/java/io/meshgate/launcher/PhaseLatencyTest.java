package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PhaseLatencyTest {

    @Test
    void percentilesAreNearestRankOfTheSortedLatencies() {
        long[] latencies = LongStream.rangeClosed(1, 200).map(i -> 201 - i).toArray();

        assertEquals(new PhaseLatency(200, 100, 198, 200), PhaseLatency.of(latencies));
    }

    @Test
    void oneLatencyIsEveryPercentile() {
        assertEquals(new PhaseLatency(1, 7, 7, 7), PhaseLatency.of(new long[] {7}));
    }

    @Test
    void noLatenciesGiveZeroes() {
        assertEquals(new PhaseLatency(0, 0, 0, 0), PhaseLatency.of(new long[0]));
    }

    @Test
    void percentilesOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PhaseLatency(2, 9, 5, 9));
    }
}
