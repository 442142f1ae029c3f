package io.meshgate.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a node last said about itself on the control topic.
 *
 * @param nodeId   the node
 * @param services the services it hosts
 * @param inFlight requests it is running
 * @param capacity requests it may run at once
 * @param sessions client sessions it holds
 * @param seenAt   when this node heard it
 * @param report   the rest of what it told about itself (readiness, uptime, per-service statistics,
 *                 protocol errors); {@link NodeReport#NONE} when it told nothing more
 */
public record NodeStatus(String nodeId, List<String> services, int inFlight, int capacity, int sessions,
                         Instant seenAt, NodeReport report) {
    public NodeStatus {
        Objects.requireNonNull(nodeId, "nodeId");
        services = List.copyOf(services);
        Objects.requireNonNull(seenAt, "seenAt");
        report = report == null ? NodeReport.NONE : report;
    }

    /** A status that tells nothing beyond load and services. */
    public NodeStatus(String nodeId, List<String> services, int inFlight, int capacity, int sessions, Instant seenAt) {
        this(nodeId, services, inFlight, capacity, sessions, seenAt, NodeReport.NONE);
    }

    /** Load in percent of capacity. */
    public int loadPercent() {
        return capacity <= 0 ? 100 : Math.min(100, inFlight * 100 / capacity);
    }
}
