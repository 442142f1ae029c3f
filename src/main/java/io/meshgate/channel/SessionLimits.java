package io.meshgate.channel;

/**
 * Per-session limits: requests in flight ({@code meshgate.session.maxInFlight}, 256) and inbound
 * frames per second ({@code meshgate.session.maxFramesPerSecond}, 1000, bursts of twice that).
 * Exceeding either closes the session (4006, 4007).
 */
record SessionLimits(int maxInFlight, int maxFramesPerSecond) {
    SessionLimits {
        if (maxInFlight < 1 || maxFramesPerSecond < 1) {
            throw new IllegalArgumentException("session limits must be at least 1");
        }
    }
}
