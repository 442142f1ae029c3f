package io.meshgate.cluster;

import io.meshgate.envelope.Envelope;
import io.meshgate.metrics.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's view of the cluster, fed by the control topic: which nodes are alive and what they
 * host. Also remembers when this node last heard itself, which proves that the control
 * subscription and the broker connection work. Thread-safe.
 */
@ApplicationScoped
public class ClusterView {

    private static final Logger LOG = Logger.getLogger(ClusterView.class.getName());

    @Inject
    NodeIdentity identity;
    @Inject
    Metrics metrics;
    @Inject
    @ConfigProperty(name = "meshgate.membership.expiryMs", defaultValue = "3500")
    long expiryMs;

    private final Clock clock = Clock.systemUTC();
    private Membership membership;
    private volatile Instant selfHeardAt = Instant.EPOCH;

    @PostConstruct
    void init() {
        membership = new Membership(Duration.ofMillis(expiryMs), clock, (id, why) -> {
            LOG.info(() -> "node " + id + " left the cluster (" + why.name().toLowerCase(java.util.Locale.ROOT) + ")");
            metrics.increment("meshgate_node_departures_total", "reason", why.name().toLowerCase(java.util.Locale.ROOT));
        });
        metrics.gauge("meshgate_cluster_nodes", "live nodes in this node's view", () -> membership.members().size());
    }

    /** Applies one control message. */
    public void onControl(Envelope envelope) {
        NodeStatus status = ControlMessages.statusOf(envelope, clock.instant());
        if (status.nodeId().equals(identity.id())) {
            selfHeardAt = status.seenAt();
        }
        if (ControlMessages.DOWN.equals(envelope.type())) {
            membership.departed(status.nodeId());
        } else if (membership.heard(status)) {
            LOG.info(() -> "node " + status.nodeId() + " joined the cluster hosting " + status.services());
        }
    }

    /** Whether a live node hosts the service. */
    public boolean isHosted(String service) {
        return membership.isHosted(service);
    }

    /** The live nodes. */
    public List<NodeStatus> members() {
        return membership.members();
    }

    /** Drops expired nodes now (the heartbeat calls this every interval). */
    public void expire() {
        membership.expire();
    }

    /** Whether this node heard its own heartbeat within the expiry time. */
    public boolean hearsItself() {
        return !selfHeardAt.isBefore(clock.instant().minusMillis(expiryMs));
    }
}
