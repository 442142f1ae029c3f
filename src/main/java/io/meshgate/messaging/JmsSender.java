package io.meshgate.messaging;

import io.meshgate.envelope.Envelope;
import io.meshgate.wire.MeshgateException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import java.util.HashMap;
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
 *
 * <p>Thread-safe: each send borrows a context for its own use and returns it.
 */
@ApplicationScoped
@JMSConnectionFactoryDefinition(
        name = JmsSender.FACTORY,
        resourceAdapter = "meshgate-ra",
        interfaceName = "jakarta.jms.ConnectionFactory",
        transactional = false,
        minPoolSize = 0,
        maxPoolSize = 64)
public class JmsSender {

    /** JNDI name of the outbound connection factory. */
    public static final String FACTORY = "java:app/jms/meshgate";
    private static final Logger LOG = Logger.getLogger(JmsSender.class.getName());
    private static final int POOL_SIZE = 16;
    private static final long BORROW_WAIT_MS = 2_000;

    @Resource(lookup = FACTORY)
    private ConnectionFactory factory;

    private final BlockingQueue<Lease> idle = new ArrayBlockingQueue<>(POOL_SIZE);
    private final AtomicInteger created = new AtomicInteger();

    /** Publishes to a topic (multicast address). */
    public void publishToTopic(String topic, Envelope envelope, long ttlMs) {
        send(topic, true, envelope, ttlMs, 0);
    }

    /** Publishes to a topic, to be delivered no sooner than {@code delayMs} from now. */
    public void publishToTopicLater(String topic, Envelope envelope, long ttlMs, long delayMs) {
        send(topic, true, envelope, ttlMs, delayMs);
    }

    /** Sends to a queue (anycast address). */
    public void sendToQueue(String queue, Envelope envelope, long ttlMs) {
        send(queue, false, envelope, ttlMs, 0);
    }

    private void send(String name, boolean topic, Envelope envelope, long ttlMs, long delayMs) {
        Lease lease = borrow();
        boolean healthy = false;
        try {
            lease.send(name, topic, envelope, ttlMs, delayMs);
            healthy = true;
        } catch (JMSException | JMSRuntimeException e) {
            throw MeshgateException.internal("broker refused message for " + name + ": " + e.getMessage(), e);
        } finally {
            release(lease, healthy);
        }
    }

    private Lease borrow() {
        Lease lease = idle.poll();
        if (lease != null) {
            return lease;
        }
        if (created.incrementAndGet() <= POOL_SIZE) {
            try {
                return new Lease(factory.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            } catch (JMSRuntimeException e) {
                created.decrementAndGet();
                throw MeshgateException.internal("broker unavailable: " + e.getMessage(), e);
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
        lease.close();
    }

    @PreDestroy
    void closeAll() {
        for (Lease l; (l = idle.poll()) != null; ) {
            l.close();
        }
    }

    /** One pooled context with its producer and the destinations it has resolved. */
    private static final class Lease {
        private final JMSContext context;
        private final JMSProducer producer;
        private final Map<String, Destination> destinations = new HashMap<>();

        Lease(JMSContext context) {
            this.context = context;
            this.producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        }

        void send(String name, boolean topic, Envelope envelope, long ttlMs, long delayMs) throws JMSException {
            Destination d = destinations.computeIfAbsent((topic ? "t:" : "q:") + name,
                    k -> topic ? context.createTopic(name) : context.createQueue(name));
            producer.setTimeToLive(Math.max(1, ttlMs)).setDeliveryDelay(Math.max(0, delayMs))
                    .send(d, JmsEnvelopes.toMessage(context, envelope));
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
