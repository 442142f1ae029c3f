package io.meshgate.it;

import io.meshgate.cluster.NodeLifecycle;
import io.meshgate.launcher.ClusterState;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A test's own subscription to a cluster's control topic: every node's heartbeat (one a second
 * each), announcement and departure arrives here as it reaches the nodes. State that a node
 * exposes over HTTP and that heartbeats change (membership, the console's view) is read again on
 * each of these events, instead of after a sleep. Close it when done.
 */
final class ControlTopic implements AutoCloseable {

    /** How long a wait may take at most before it fails: a hang guard, not a timing rule. */
    static final Duration BOUND = Duration.ofSeconds(60);

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final MessageConsumer consumer;

    private ControlTopic(ActiveMQConnectionFactory factory, Connection connection, MessageConsumer consumer) {
        this.factory = factory;
        this.connection = connection;
        this.consumer = consumer;
    }

    /** Subscribes to the control topic of the cluster's broker. */
    static ControlTopic of(ClusterState cluster) throws JMSException {
        return of(cluster.broker().url());
    }

    /** Subscribes to the control topic of the broker at this URL ({@code tcp://host:port}). */
    static ControlTopic of(String brokerUrl) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        Connection c = null;
        try {
            c = factory.createConnection();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createTopic(NodeLifecycle.CONTROL_TOPIC));
            c.start();
            return new ControlTopic(factory, c, consumer);
        } catch (JMSException | RuntimeException e) {
            if (c != null) {
                c.close();
            }
            factory.close();
            throw e;
        }
    }

    /**
     * Returns once {@code holds} is true, checking it now and again after each control message.
     *
     * @throws AssertionError naming {@code what} when it still does not hold after {@link #BOUND}
     */
    void awaitUntil(Callable<Boolean> holds, String what) throws Exception {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!holds.call()) {
            long leftMs = (end - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new AssertionError(what + ": still not so after " + BOUND.toSeconds() + " s of heartbeats");
            }
            consumer.receive(leftMs);
        }
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }
}
