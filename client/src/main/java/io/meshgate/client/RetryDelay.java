package io.meshgate.client;

import java.util.random.RandomGenerator;

/**
 * How long the client waits before it sends a call again after {@code UNAVAILABLE}
 * (docs/PROTOCOL.md §4): a backoff of 50 ms doubling to 1 s, each with jitter (half to all of it),
 * and never sooner than the node's advice ({@code retryAfterMs}) plus up to a quarter of it more,
 * so that a cluster's clients neither retry faster than the node can recover nor all at once.
 * The same rule as meshgate.js. Stateless.
 */
final class RetryDelay {

    private RetryDelay() {
    }

    /**
     * The wait before attempt {@code attempt + 1} (0 for the first retry); {@code retryAfterMs} 0
     * when the node gave no advice.
     */
    static long afterUnavailable(int attempt, long retryAfterMs, RandomGenerator random) {
        long backoff = jitter(Math.min(1_000, 50L << Math.min(attempt, 5)), random);
        long advised = retryAfterMs + random.nextLong(retryAfterMs / 4 + 1);
        return Math.max(backoff, advised);
    }

    /** Half to all of {@code ms}. */
    static long jitter(long ms, RandomGenerator random) {
        return ms / 2 + random.nextLong(ms / 2 + 1);
    }
}
