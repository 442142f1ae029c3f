package io.meshgate.channel;

/**
 * A token bucket for one session's inbound frames: {@code perSecond} tokens a second, at most
 * {@code 2 x perSecond} saved up, one taken per frame. Used by the session's reader thread only.
 */
final class FrameRate {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    FrameRate(int perSecond, long nowNanos) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("frames per second must be at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = 2.0 * perSecond;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token for a frame arriving at {@code nowNanos}; false when none is left. */
    boolean tryTake(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
