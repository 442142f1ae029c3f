package io.meshgate.messaging;

import io.meshgate.envelope.Envelope;
import io.meshgate.wire.MeshgateException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes envelopes through the Artemis resource adapter. Contexts (a connection, a session and
 * a producer each) are pooled and reused: nothing is created per message. A context that fails is
 * closed and replaced, so a broker restart costs one failed send per pooled context at most.
 * A send that fails, or a watcher (its own thread, every 250 ms) that sees a send waiting longer
 * than {@code meshgate.broker.stallMs}, marks the {@link BrokerLink} lost; each change of the link
 * is logged once and fired as a CDI event. Callers ask {@link #brokerUp()} before they accept work
 * that needs the broker. A send that fails is {@code UNAVAILABLE}.
 *
 * <p>Thread-safe: each send borrows a context for its own use and returns it. Sends block while
 * the adapter fails over (up to its {@code CallFailoverTimeout}): never call them from a socket
 * reader thread.
 */
@ApplicationScoped
@JMSConnectionFactoryDefinition(
        name = JmsSender.FACTORY,
        resourceAdapter = "meshgate-ra",
        interfaceName = "jakarta.jms.ConnectionFactory",
        // Payara signs each pooled connection on with these (resolved from the environment when the
        // factory is made; the node images set them from the PKI's broker.password): a broker
        // without a password ignores them
        user = "${ENV=MESHGATE_BROKER_USER:meshgate}",
        password = "${ENV=MESHGATE_BROKER_PASSWORD:}",
        transactional = false,
        minPoolSize = 0,
        maxPoolSize = 64)
public class JmsSender {

    /** JNDI name of the outbound connection factory. */
    public static final String FACTORY = "java:app/jms/meshgate";
    private static final Logger LOG = Logger.getLogger(JmsSender.class.getName());
    private static final int POOL_SIZE = 16;
    private static final long BORROW_WAIT_MS = 2_000;

    /** Message property of Artemis duplicate detection: a second message with the same value is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final long WATCH_INTERVAL_MS = 250;

    @Inject
    BrokerConnectionFactory connections;
    @Resource
    ManagedThreadFactory threads;
    @Inject
    Event<BrokerLink.Change> changes;
    @Inject
    @ConfigProperty(name = "meshgate.broker.stallMs", defaultValue = "2000")
    long stallMs;

    private final BlockingQueue<Lease> idle = new ArrayBlockingQueue<>(POOL_SIZE);
    private final Set<Lease> leases = ConcurrentHashMap.newKeySet();
    private final AtomicInteger created = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();
    private BrokerLink link;
    private ScheduledThreadPoolExecutor watcher;

    @PostConstruct
    void init() {
        link = new BrokerLink(clock, Duration.ofMillis(stallMs), change -> {
            if (change instanceof BrokerLink.Change.Lost lost) {
                LOG.warning(() -> "broker lost: " + lost.reason() + "; new requests are answered UNAVAILABLE");
            } else if (change instanceof BrokerLink.Change.Regained back) {
                LOG.warning(() -> "broker reachable again after " + back.away().toMillis() + " ms; meanwhile "
                        + back.refused() + " requests were answered UNAVAILABLE and " + back.failedSends()
                        + " sends failed");
            }
            changes.fire(change);
        });
        watcher = new ScheduledThreadPoolExecutor(1, threads);
        watcher.scheduleAtFixedRate(this::watch, WATCH_INTERVAL_MS, WATCH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether the broker is reachable as far as this node's sends tell. */
    public boolean brokerUp() {
        return link.up();
    }

    /** The link's account of the broker, for callers that refuse work while it is lost. */
    public BrokerLink link() {
        return link;
    }

    private void watch() {
        Instant oldest = null;
        for (Lease l : leases) {
            Instant since = l.sendingSince;
            if (since != null && link.tells(since) && (oldest == null || since.isBefore(oldest))) {
                oldest = since;
            }
        }
        if (oldest != null) {
            link.oldestSendWaiting(oldest);
        }
    }

    /** Publishes to a topic (multicast address). */
    public void publishToTopic(String topic, Envelope envelope, long ttlMs) {
        send(topic, true, List.of(envelope), ttlMs, 0, null);
    }

    /** Publishes envelopes to a topic in one message: the plain message for one, a batch for several. */
    public void publishToTopic(String topic, List<Envelope> envelopes, long ttlMs) {
        send(topic, true, envelopes, ttlMs, 0, null);
    }

    /** Publishes to a topic, to be delivered no sooner than {@code delayMs} from now. */
    public void publishToTopicLater(String topic, Envelope envelope, long ttlMs, long delayMs) {
        send(topic, true, List.of(envelope), ttlMs, delayMs, null);
    }

    /** Sends to a queue (anycast address). */
    public void sendToQueue(String queue, Envelope envelope, long ttlMs) {
        send(queue, false, List.of(envelope), ttlMs, 0, null);
    }

    /**
     * Sends to a queue with a duplicate-detection id: the broker drops a later message to the
     * same address with the same id.
     */
    public void sendToQueueOnce(String queue, Envelope envelope, long ttlMs, String duplicateId) {
        send(queue, false, List.of(envelope), ttlMs, 0, java.util.Objects.requireNonNull(duplicateId, "duplicateId"));
    }

    /**
     * Sends envelopes to a queue in one message: for one, the plain message with the duplicate
     * detection id {@code duplicateIdOfOne}; for several, a batch, which has none (a batch is
     * formed anew each time, so no id would name the same batch twice).
     */
    public void sendToQueue(String queue, List<Envelope> envelopes, long ttlMs, String duplicateIdOfOne) {
        send(queue, false, envelopes, ttlMs, 0, envelopes.size() == 1 ? duplicateIdOfOne : null);
    }

    /**
     * A publisher with a context of its own, outside the pool, for one thread whose messages must
     * reach the broker in the order it sends them (JMS orders the messages of one producer; pooled
     * contexts are handed out in turn, so consecutive sends from the pool may overtake each other).
     * Its sends count for the {@link BrokerLink} like any other. Close it when done.
     */
    public OrderedPublisher orderedPublisher() {
        return new OrderedPublisher();
    }

    /** See {@link #orderedPublisher()}; used by one thread at a time. */
    public final class OrderedPublisher implements AutoCloseable {
        private Lease lease;

        private OrderedPublisher() {
        }

        /**
         * Publishes to a topic (multicast address), after every message this publisher sent before.
         *
         * @throws MeshgateException UNAVAILABLE when the broker did not take it
         */
        public void publishToTopic(String topic, Envelope envelope, long ttlMs) {
            Instant startedAt = clock.instant();
            if (lease == null) {
                try {
                    lease = new Lease(connections.createContext(JMSContext.AUTO_ACKNOWLEDGE));
                } catch (JMSRuntimeException e) {
                    link.sendFailed(e.getMessage(), startedAt);
                    throw MeshgateException.unavailable("broker unreachable: " + e.getMessage());
                }
                leases.add(lease);
            }
            lease.sendingSince = startedAt;
            try {
                lease.send(topic, true, List.of(envelope), ttlMs, 0, null);
            } catch (JMSException | JMSRuntimeException e) {
                link.sendFailed(e.getMessage(), startedAt);
                close();
                throw MeshgateException.unavailable("broker did not take the message for " + topic + ": "
                        + e.getMessage());
            } finally {
                if (lease != null) {
                    lease.sendingSince = null;
                }
            }
        }

        @Override
        public void close() {
            if (lease != null) {
                leases.remove(lease);
                lease.close();
                lease = null;
            }
        }
    }

    private void send(String name, boolean topic, List<Envelope> envelopes, long ttlMs, long delayMs,
                      String duplicateId) {
        Instant startedAt = clock.instant();
        Lease lease = borrow(startedAt);
        boolean healthy = false;
        lease.sendingSince = startedAt;
        try {
            lease.send(name, topic, envelopes, ttlMs, delayMs, duplicateId);
            healthy = true;
        } catch (JMSException | JMSRuntimeException e) {
            link.sendFailed(e.getMessage(), startedAt);
            throw MeshgateException.unavailable("broker did not take the message for " + name + ": " + e.getMessage());
        } finally {
            lease.sendingSince = null;
            release(lease, healthy);
        }
    }

    private Lease borrow(Instant startedAt) {
        Lease lease = idle.poll();
        if (lease != null) {
            return lease;
        }
        if (created.incrementAndGet() <= POOL_SIZE) {
            try {
                Lease fresh = new Lease(connections.createContext(JMSContext.AUTO_ACKNOWLEDGE));
                leases.add(fresh);
                return fresh;
            } catch (JMSRuntimeException e) {
                created.decrementAndGet();
                link.sendFailed(e.getMessage(), startedAt);
                throw MeshgateException.unavailable("broker unreachable: " + e.getMessage());
            }
        }
        created.decrementAndGet();
        try {
            lease = idle.poll(BORROW_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MeshgateException.internal("interrupted waiting for a broker context", e);
        }
        if (lease == null) {
            throw MeshgateException.overloaded("all " + POOL_SIZE + " broker contexts busy");
        }
        return lease;
    }

    private void release(Lease lease, boolean healthy) {
        if (healthy && idle.offer(lease)) {
            return;
        }
        created.decrementAndGet();
        leases.remove(lease);
        lease.close();
    }

    /**
     * A consumer of the messages on {@code queue} that match {@code selector}, on a context of
     * its own (not pooled); close it when done. For rare, bounded work such as collecting the
     * replies of a session that moved from another node.
     */
    public Receiver receiver(String queue, String selector) {
        try {
            JMSContext context = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE);
            try {
                return new Receiver(context, context.createConsumer(context.createQueue(queue), selector));
            } catch (JMSRuntimeException e) {
                context.close();
                throw e;
            }
        } catch (JMSRuntimeException e) {
            throw MeshgateException.unavailable("cannot consume from " + queue + ": " + e.getMessage());
        }
    }

    /** A consumer with its own context: {@link #poll()} takes what has arrived, without waiting. */
    public static final class Receiver implements AutoCloseable {
        private final JMSContext context;
        private final jakarta.jms.JMSConsumer consumer;

        private Receiver(JMSContext context, jakarta.jms.JMSConsumer consumer) {
            this.context = context;
            this.consumer = consumer;
        }

        /** The envelopes of the next matching message (several for a batch), or none when none is waiting. */
        public List<Envelope> poll() {
            jakarta.jms.Message m = consumer.receiveNoWait();
            return m == null ? List.of() : JmsEnvelopes.readAll(m);
        }

        @Override
        public void close() {
            try {
                context.close();
            } catch (JMSRuntimeException e) {
                LOG.log(Level.FINE, "closing a receiver", e);
            }
        }
    }

    @PreDestroy
    void closeAll() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        for (Lease l; (l = idle.poll()) != null; ) {
            l.close();
        }
    }

    /** One pooled context with its producer and the destinations it has resolved. */
    private static final class Lease {
        private final JMSContext context;
        private final JMSProducer producer;
        private final Map<String, Destination> destinations = new HashMap<>();
        /** When the send in progress began, null when idle. */
        volatile Instant sendingSince;

        Lease(JMSContext context) {
            this.context = context;
            this.producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        }

        void send(String name, boolean topic, List<Envelope> envelopes, long ttlMs, long delayMs,
                  String duplicateId) throws JMSException {
            Destination d = destinations.computeIfAbsent((topic ? "t:" : "q:") + name,
                    k -> topic ? context.createTopic(name) : context.createQueue(name));
            jakarta.jms.Message m = JmsEnvelopes.toMessage(context, envelopes);
            if (duplicateId != null) {
                m.setStringProperty(DUPLICATE_ID, duplicateId);
            }
            producer.setTimeToLive(Math.max(1, ttlMs)).setDeliveryDelay(Math.max(0, delayMs)).send(d, m);
        }

        void close() {
            try {
                context.close();
            } catch (JMSRuntimeException e) {
                LOG.log(Level.FINE, "closing a failed broker context", e);
            }
        }
    }
}
