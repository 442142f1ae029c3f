package io.meshgate.cluster;

import io.meshgate.envelope.Envelope;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
 * subscription and the broker connection work. After each control message it fires {@link Heard}
 * (on the listener's thread), so that whoever waits for the view to change waits on that, not on
 * a clock. Thread-safe.
 */
@ApplicationScoped
public class ClusterView {

    private static final Logger LOG = Logger.getLogger(ClusterView.class.getName());

    @Inject
    NodeIdentity identity;
    @Inject
    Metrics metrics;
    @Inject
    JmsSender sender;
    @Inject
    @ConfigProperty(name = "meshgate.membership.expiryMs", defaultValue = "3500")
    long expiryMs;
    @Inject
    @ConfigProperty(name = "meshgate.heartbeat.intervalMs", defaultValue = "1000")
    long heartbeatMs;
    @Inject
    Event<Heard> heard;

    /** A control message of this node has been applied to the view. */
    public record Heard(String nodeId) {
    }

    private final Clock clock = Clock.systemUTC();
    private Membership membership;
    private volatile Instant selfHeardAt = Instant.EPOCH;
    /** Since when this node has heard itself without a gap longer than two heartbeat intervals. */
    private volatile Instant hearingSince = Instant.EPOCH;
    private volatile boolean silenceLogged;

    @PostConstruct
    void init() {
        membership = new Membership(Duration.ofMillis(expiryMs), clock, (id, why) -> {
            LOG.info(() -> "node " + id + " left the cluster (" + why.name().toLowerCase(java.util.Locale.ROOT) + ")");
            metrics.increment("meshgate_node_departures_total", "reason", why.name().toLowerCase(java.util.Locale.ROOT));
        }, this::listeningSince);
        metrics.gauge("meshgate_cluster_nodes", "live nodes in this node's view", () -> membership.members().size());
    }

    /** Applies one control message. */
    public void onControl(Envelope envelope) {
        NodeStatus status = ControlMessages.statusOf(envelope, clock.instant());
        sender.link().arrived(status.seenAt());
        if (status.nodeId().equals(identity.id())) {
            if (envelope.time() != null) {
                sender.link().roundTrip(envelope.time());
            }
            if (!hearsRecently()) {
                hearingSince = status.seenAt();
            }
            if (silenceLogged) {
                silenceLogged = false;
                LOG.warning("control topic heard again");
            }
            selfHeardAt = status.seenAt();
        }
        if (ControlMessages.DOWN.equals(envelope.type())) {
            membership.departed(status.nodeId());
        } else if (membership.heard(status)) {
            LOG.info(() -> "node " + status.nodeId() + " joined the cluster hosting " + status.services());
        }
        heard.fire(new Heard(status.nodeId()));
    }

    /** Whether a live node hosts the service. */
    public boolean isHosted(String service) {
        return membership.isHosted(service);
    }

    /** The id of the node whose view this is. */
    public String selfId() {
        return identity.id();
    }

    /** The live nodes. */
    public List<NodeStatus> members() {
        return membership.members();
    }

    /** Drops expired nodes now (the heartbeat calls this every interval); logs once when the control topic falls silent. */
    public void expire() {
        membership.expire();
        if (!hearsItself() && !silenceLogged && !selfHeardAt.equals(Instant.EPOCH)) {
            silenceLogged = true;
            LOG.warning(() -> "control topic silent: this node has not heard its own heartbeat for " + expiryMs
                    + " ms; the view is kept as last heard (no node expires while this node hears nothing), and"
                    + " requests for services not in it are answered UNAVAILABLE");
        }
    }

    /**
     * Whether this view can be trusted to say that a service is hosted nowhere: this node has
     * heard itself without a gap for two heartbeat intervals, so every live node's heartbeat has
     * arrived since. False at start-up and after the broker was away.
     */
    public boolean known() {
        return hearsItself() && !clock.instant().isBefore(hearingSince.plusMillis(2 * heartbeatMs));
    }

    /**
     * Since when this node has been listening to the control topic without a gap, or now while
     * it hears nothing (its own heartbeat is late by more than a heartbeat interval): the other
     * nodes' silence counts only from then ({@link Membership}). A failover of the broker
     * silences every node at once; without this, the view would lose every node while this node
     * could not hear, and again at once when it hears itself before the others.
     */
    private Instant listeningSince() {
        return hearsRecently() ? hearingSince : clock.instant();
    }

    private boolean hearsRecently() {
        return !selfHeardAt.isBefore(clock.instant().minusMillis(2 * heartbeatMs));
    }

    /** Whether this node heard its own heartbeat within the expiry time. */
    public boolean hearsItself() {
        return !selfHeardAt.isBefore(clock.instant().minusMillis(expiryMs));
    }
}
