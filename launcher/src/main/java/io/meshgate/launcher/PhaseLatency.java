package io.meshgate.launcher;

import java.util.Arrays;

/**
 * The latency of the good answers to the requests sent in one phase of a fault checker's run
 * (before the fault, while it is injected, after it), in milliseconds from send to answer.
 * Percentiles are nearest-rank. Immutable.
 *
 * @param count good answers in the phase; 0 means the other figures are 0 too
 */
record PhaseLatency(long count, long p50Ms, long p99Ms, long maxMs) {

    PhaseLatency {
        if (count < 0 || p50Ms < 0 || p50Ms > p99Ms || p99Ms > maxMs) {
            throw new IllegalArgumentException("need 0 <= count and 0 <= p50 <= p99 <= max");
        }
    }

    /** The figures of these latencies (the array is sorted in place). */
    static PhaseLatency of(long[] latenciesMs) {
        if (latenciesMs.length == 0) {
            return new PhaseLatency(0, 0, 0, 0);
        }
        Arrays.sort(latenciesMs);
        return new PhaseLatency(latenciesMs.length, rank(latenciesMs, 0.50), rank(latenciesMs, 0.99),
                latenciesMs[latenciesMs.length - 1]);
    }

    private static long rank(long[] sorted, double p) {
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }
}
