package io.meshgate.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The membership view: the nodes heard on the control topic and what they host. A node that has
 * not been heard for the expiry time, or that announced its departure, is not a member. Silence
 * counts only while this node listens: a node is not heard while this node hears nothing either
 * (its own subscription fails over with the broker), and that says nothing about the node, so its
 * expiry counts from when this node began to listen again if that is later than its last
 * heartbeat. Plain class (the CDI bean {@link ClusterView} wraps it); thread-safe.
 */
public final class Membership {

    private final Map<String, NodeStatus> nodes = new ConcurrentHashMap<>();
    private final Duration expiry;
    private final Clock clock;
    private final BiConsumer<String, Departure> onDeparture;
    private final Supplier<Instant> listeningSince;

    /** Why a node left the view. */
    public enum Departure {
        /** It announced its departure on the control topic. */
        ANNOUNCED,
        /** It was not heard for the expiry time. */
        EXPIRED
    }

    /**
     * @param expiry      how long a node stays a member without a heartbeat
     * @param onDeparture told the id of each node that leaves or expires, and why, once
     */
    public Membership(Duration expiry, Clock clock, BiConsumer<String, Departure> onDeparture) {
        this(expiry, clock, onDeparture, () -> Instant.MIN);
    }

    /**
     * @param listeningSince since when this node has been hearing the control topic without a
     *                       gap; while it hears nothing, now (no one's silence counts then)
     */
    public Membership(Duration expiry, Clock clock, BiConsumer<String, Departure> onDeparture,
                      Supplier<Instant> listeningSince) {
        this.expiry = expiry;
        this.clock = clock;
        this.onDeparture = onDeparture;
        this.listeningSince = listeningSince;
    }

    /** Records a node's announcement or heartbeat. Returns true when the node is new to the view. */
    public boolean heard(NodeStatus status) {
        return nodes.put(status.nodeId(), status) == null;
    }

    /** Removes a node that announced its departure. */
    public void departed(String nodeId) {
        if (nodes.remove(nodeId) != null) {
            onDeparture.accept(nodeId, Departure.ANNOUNCED);
        }
    }

    /** Drops the nodes silent for longer than the expiry time; each departure is told once. */
    public void expire() {
        Instant limit = limit();
        for (NodeStatus s : nodes.values()) {
            if (!live(s, limit) && nodes.remove(s.nodeId(), s)) {
                onDeparture.accept(s.nodeId(), Departure.EXPIRED);
            }
        }
    }

    /** The live members, by id. */
    public List<NodeStatus> members() {
        expire();
        return nodes.values().stream().sorted(Comparator.comparing(NodeStatus::nodeId)).toList();
    }

    /** Whether some live member hosts the service. */
    public boolean isHosted(String service) {
        Instant limit = limit();
        for (NodeStatus s : nodes.values()) {
            if (live(s, limit) && s.services().contains(service)) {
                return true;
            }
        }
        return false;
    }

    /** The live status of a node, or null. */
    public NodeStatus member(String nodeId) {
        NodeStatus s = nodes.get(nodeId);
        return s == null || !live(s, limit()) ? null : s;
    }

    /** A node heard after this instant, or silent only since then, is live. */
    private Instant limit() {
        return clock.instant().minus(expiry);
    }

    /** Whether the node has been heard, or this node has been deaf, within the expiry time before now. */
    private boolean live(NodeStatus s, Instant limit) {
        return !s.seenAt().isBefore(limit) || !listeningSince.get().isBefore(limit);
    }
}
