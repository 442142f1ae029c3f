package io.meshgate.service;

/**
 * A node's load at one instant.
 *
 * @param inFlight requests running
 * @param capacity requests the node may run at once
 */
public record LoadSnapshot(int inFlight, int capacity) {
    public LoadSnapshot {
        if (inFlight < 0 || capacity < 1) {
            throw new IllegalArgumentException("inFlight must be >= 0 and capacity >= 1");
        }
    }

    /** Load in percent of capacity, capped at 100. */
    public int percent() {
        return Math.min(100, inFlight * 100 / capacity);
    }

    /** Whether no further request fits. */
    public boolean full() {
        return inFlight >= capacity;
    }
}
