package io.meshgate.push;

import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.EnvelopeException;
import io.meshgate.envelope.MeshPush;
import io.meshgate.metrics.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's side of push delivery. The channel tells it which sessions can receive pushes
 * (with their client identity), their subscriptions, their resumes and their ends; the push
 * listener hands it every push from the push address, and it delivers each to the matching
 * sessions of this node ({@link FanOut}).
 *
 * <p>Thread-safe: socket reader threads subscribe and attach, the container's close threads
 * detach, the push listener's one thread delivers.
 */
@ApplicationScoped
public class PushRegistry {

    private static final Logger LOG = Logger.getLogger(PushRegistry.class.getName());
    /** How many sessions that ended here are remembered, so that pushes to them count as dropped. */
    private static final int REMEMBERED_ENDS = 65_536;
    private static final Duration REMEMBER_ENDS_FOR = Duration.ofMinutes(10);

    @Inject
    Metrics metrics;
    @Inject
    @ConfigProperty(name = "meshgate.push.maxTopicsPerSession", defaultValue = "64")
    int maxTopicsPerSession;
    @Inject
    @ConfigProperty(name = "meshgate.push.compress", defaultValue = "true")
    boolean compress;

    private Recipients recipients;
    private FanOut fanOut;

    @PostConstruct
    void init() {
        if (maxTopicsPerSession < 1 || maxTopicsPerSession > io.meshgate.wire.Topics.MAX_PER_MESSAGE) {
            throw new IllegalStateException("meshgate.push.maxTopicsPerSession must be between 1 and "
                    + io.meshgate.wire.Topics.MAX_PER_MESSAGE + ", not " + maxTopicsPerSession);
        }
        recipients = new Recipients(maxTopicsPerSession, REMEMBERED_ENDS, REMEMBER_ENDS_FOR, Clock.systemUTC());
        fanOut = new FanOut(recipients, metrics);
        metrics.gauge("meshgate_push_subscriptions", "topic subscriptions of this node's sessions",
                () -> recipients.subscriptions());
    }

    /**
     * Whether pushes may be compressed before they are sealed ({@code meshgate.push.compress}):
     * switch it off when pushes mix secrets with data an attacker can influence.
     */
    public boolean compress() {
        return compress;
    }

    /**
     * A session is open (its handshake done): pushes to it, to its identity (null: none) and to
     * its topics reach it from now on.
     */
    public void attach(String sessionId, String clientIdentity, PushRecipient recipient) {
        recipients.attach(sessionId, clientIdentity, recipient);
    }

    /** A session left: {@code forGood} when it ended (see {@link Recipients#detach}). */
    public void detach(String sessionId, boolean forGood) {
        recipients.detach(sessionId, forGood);
    }

    /** A connection resumed a session: it is that session from now on, subscribed to {@code topics}. */
    public List<String> resumed(String connectionId, String resumedId, Collection<String> topics) {
        return recipients.resumed(connectionId, resumedId, topics);
    }

    /**
     * Subscribes a session to topics (already checked for syntax by the codec).
     *
     * @return the session's topics, sorted
     * @throws io.meshgate.wire.MeshgateException BAD_REQUEST over the per-session limit
     */
    public List<String> subscribe(String sessionId, Collection<String> topics) {
        return recipients.subscribe(sessionId, topics);
    }

    /** Ends subscriptions; the session's topics after, sorted. */
    public List<String> unsubscribe(String sessionId, Collection<String> topics) {
        return recipients.unsubscribe(sessionId, topics);
    }

    /** One push from the push address (push listener thread); one that cannot be read is counted and dropped. */
    public void onPush(Envelope envelope) {
        MeshPush push;
        try {
            push = MeshPush.from(envelope);
        } catch (EnvelopeException e) {
            metrics.increment(PushMetrics.DROPPED, "reason", PushMetrics.UNREADABLE);
            LOG.fine(() -> "unreadable push " + envelope.id() + ": " + e.getMessage());
            return;
        }
        fanOut.deliver(push);
    }
}
