package io.meshgate.routing;

import io.meshgate.cluster.NodeIdentity;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshReply;
import io.meshgate.messaging.JmsEnvelopes;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.MeshgateException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the answers of a session go when the session leaves its node, and how the node that
 * resumes it gets them.
 *
 * <ul>
 *   <li>A session whose socket dropped (not closed by the client) is <em>detached</em>: its pending
 *   requests stay, and a reply for one of them is <em>parked</em> on the anycast queue
 *   {@value #PARKED} with its session and client request id as properties, for as long as the
 *   request has left.</li>
 *   <li>A node that resumes a session <em>collects</em> its answers: it consumes, with a selector on
 *   the session id, both the parked queue and the previous node's reply queue (where replies wait
 *   when that node died), until the resumed requests' last deadline. A batch of replies there
 *   may also hold other sessions' replies: those are parked for their own collectors.</li>
 * </ul>
 *
 * <p>Thread-safe. Collection runs on two threads of its own, polling every 100 ms.
 */
@ApplicationScoped
public class SessionHandover {

    /** The queue of answers whose session left its node. */
    public static final String PARKED = "meshgate.parked";
    private static final Logger LOG = Logger.getLogger(SessionHandover.class.getName());
    private static final long POLL_MS = 100;
    /** How long a detached session's entry is kept: the longest timeout a request may have. */
    /** How long an answer waits on the parked queue for its session's new node. */
    static final long MAX_PARKED_MS = 60_000;
    private static final long DETACHED_FOR_MS = io.meshgate.wire.WireMessage.MAX_TIMEOUT_MS;

    @Inject
    JmsSender sender;
    @Inject
    NodeIdentity identity;
    @Inject
    Metrics metrics;
    @Resource
    ManagedThreadFactory threads;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> detached = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor collectors;

    @PostConstruct
    void start() {
        collectors = new ScheduledThreadPoolExecutor(2, threads);
        collectors.setRemoveOnCancelPolicy(true);
        collectors.scheduleAtFixedRate(this::forgetOldDetached, 10, 10, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        collectors.shutdownNow();
    }

    /** The session's socket dropped: park the answers its pending requests get from now on. */
    public void detach(String sessionId) {
        detached.put(sessionId, clock.instant().plusMillis(DETACHED_FOR_MS));
    }

    /** Whether answers for this session are parked rather than delivered here. */
    public boolean isDetached(String sessionId) {
        return detached.containsKey(sessionId);
    }

    /** Parks a reply for a detached session until its request's time is up. */
    public void park(MeshReply reply, long ttlMs) {
        try {
            sender.sendToQueueOnce(PARKED, reply.toEnvelope(), Math.max(1, ttlMs), "parked:" + reply.correlationId());
            metrics.increment("meshgate_replies_parked_total");
        } catch (MeshgateException e) {
            LOG.log(Level.FINE, "could not park a reply for session " + reply.sessionId(), e);
        }
    }

    /**
     * Collects, until {@code until}, the answers for {@code sessionId} that wait on the parked
     * queue and on {@code previousNode}'s reply queue, handing each to {@code deliver} (on a
     * collector thread).
     */
    public void collect(String sessionId, String previousNode, Instant until, Consumer<MeshReply> deliver) {
        String selector = JmsEnvelopes.sessionSelector(sessionId);
        List<String> queues = List.of(PARKED, "meshgate.node." + previousNode + ".reply");
        Collection c = new Collection(sessionId, queues, selector, until, deliver);
        c.future = collectors.scheduleWithFixedDelay(c, 10, POLL_MS, TimeUnit.MILLISECONDS);
    }

    private void forgetOldDetached() {
        Instant now = clock.instant();
        detached.values().removeIf(until -> until.isBefore(now));
    }

    /** One session's collection: its receivers, opened on the first run and closed on the last. */
    private final class Collection implements Runnable {
        private final String sessionId;
        private final List<String> queues;
        private final String selector;
        private final Instant until;
        private final Consumer<MeshReply> deliver;
        private final List<JmsSender.Receiver> receivers = new ArrayList<>();
        volatile ScheduledFuture<?> future;

        Collection(String sessionId, List<String> queues, String selector, Instant until,
                   Consumer<MeshReply> deliver) {
            this.sessionId = sessionId;
            this.queues = queues;
            this.selector = selector;
            this.until = until;
            this.deliver = deliver;
        }

        @Override
        public void run() {
            try {
                if (receivers.isEmpty()) {
                    for (String q : queues) {
                        receivers.add(sender.receiver(q, selector));
                    }
                }
                for (JmsSender.Receiver r : receivers) {
                    for (List<Envelope> got; !(got = r.poll()).isEmpty(); ) {
                        got.forEach(this::take);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "collecting the answers of session " + sessionId + " failed; trying again", e);
                closeReceivers();
            }
            if (!clock.instant().isBefore(until)) {
                closeReceivers();
                future.cancel(false);
            }
        }

        /** Delivers a reply of this session; parks one of another session that came in the same batch. */
        private void take(Envelope e) {
            MeshReply reply = MeshReply.from(e);
            if (sessionId.equals(reply.sessionId())) {
                metrics.increment("meshgate_replies_collected_total");
                deliver.accept(reply);
            } else {
                park(reply, MAX_PARKED_MS);
            }
        }

        private void closeReceivers() {
            receivers.forEach(JmsSender.Receiver::close);
            receivers.clear();
        }
    }
}
