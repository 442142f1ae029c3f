package io.meshgate.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Hears at once when this node's connection to the broker breaks, instead of waiting for a send
 * to stall. It holds one connection of its own, made by the Artemis adapter's own connection
 * factory (the same connectors, HA and reconnect settings as the adapter's pooled connections and
 * listeners), with Artemis's failover listener on it. Every connection of a node goes to the same
 * broker: when the broker dies its sockets close together, so the watch's failure is everyone's.
 * The {@link BrokerLink} is then lost at once, which ends the requests in flight (their messages
 * went with the broker: they are non-persistent) and answers new ones {@code UNAVAILABLE}. When the
 * watch has failed over to the backup, or reconnected to the same broker, it fires
 * {@link Reconnected} so that the node proves its reply path at once; only that round trip makes
 * the link up again, since the other connections fail over on their own.
 *
 * <p>The adapter's own factory carries no credentials: the watch logs in as every connection of the
 * node does ({@link BrokerConnectionFactory#createConnection}). A refused login is logged once as
 * a warning.
 *
 * <p>A server seam: this works with the Artemis adapter's connection factory only (its
 * {@code getDefaultFactory()}); with any other factory the watch is off, says so once, and a dead
 * broker is found by stalled sends alone ({@code meshgate.broker.stallMs}). A broker host that
 * vanishes without closing its sockets is also found by stalled sends, sooner than by the
 * adapter's connection TTL.
 *
 * <p>Threading: Artemis calls the listener on its failover thread, which must not block; every
 * consequence runs on the watch's own thread, and so does connecting (and connecting again after
 * a failover that failed), once a second until it succeeds. Not the container's managed
 * scheduler: Payara's default has a single thread, which a send blocked by the failover can hold
 * for seconds.
 */
@ApplicationScoped
public class BrokerWatch {

    /** Fired when the watch connection works again after a failure: the broker, or its backup, is back. */
    public record Reconnected() { }

    private static final Logger LOG = Logger.getLogger(BrokerWatch.class.getName());
    private static final long CONNECT_RETRY_MS = 1_000;

    @Inject
    BrokerConnectionFactory connections;
    @Resource
    ManagedThreadFactory threads;
    @Inject
    JmsSender sender;
    @Inject
    Event<Reconnected> reconnected;

    /** Its own thread: the container's managed scheduler may have one thread, held by a blocked send. */
    private ScheduledThreadPoolExecutor scheduler;
    private ActiveMQConnectionFactory artemis;
    private volatile Connection connection;
    private volatile boolean closed;
    private ScheduledFuture<?> connecting;
    private boolean refusalLogged;

    @PostConstruct
    void init() {
        artemis = artemisFactory(connections.get());
        if (artemis == null) {
            return;
        }
        scheduler = new ScheduledThreadPoolExecutor(1, threads);
        scheduler.setRemoveOnCancelPolicy(true);
        connecting = scheduler.scheduleWithFixedDelay(this::connect, 0, CONNECT_RETRY_MS, TimeUnit.MILLISECONDS);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing the event creates this bean at start-up, so the watch connects at once
    }

    /**
     * The Artemis factory behind the adapter's connection factory, or null (logged once) when
     * the factory is not the Artemis adapter's or its classes are not visible to the application.
     */
    static ActiveMQConnectionFactory artemisFactory(ConnectionFactory factory) {
        try {
            Object inner = factory.getClass().getMethod("getDefaultFactory").invoke(factory);
            return (ActiveMQConnectionFactory) inner;
        } catch (NoSuchMethodException | IllegalAccessException | ClassCastException | LinkageError e) {
            LOG.warning(() -> "broker watch off: the connection factory " + factory.getClass().getName()
                    + " is not the Artemis adapter's (" + e + "); a dead broker is found by stalled sends only");
        } catch (InvocationTargetException e) {
            LOG.warning(() -> "broker watch off: the adapter gave no connection factory (" + e.getCause()
                    + "); a dead broker is found by stalled sends only");
        }
        return null;
    }

    private synchronized void connect() {
        if (closed || connection != null) {
            return;
        }
        Connection c = null;
        try {
            c = connections.createConnection(artemis);
            ((ActiveMQConnection) c).setFailoverListener(this::onFailoverEvent);
            c.start();
            connection = c;
            LOG.info("broker watch connected");
            connecting.cancel(false);
        } catch (JMSSecurityException e) {
            if (!refusalLogged) {
                refusalLogged = true;
                LOG.warning(() -> "broker watch: the broker refused the login of " + connections.login() + ": "
                        + e.getMessage() + "; trying again every second");
            }
            closeQuietly(c);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "broker watch cannot connect yet", e);
            closeQuietly(c);
        }
    }

    /** Artemis's failover thread: hand off, never block it. */
    private void onFailoverEvent(FailoverEventType type) {
        try {
            scheduler.execute(() -> handle(type));
        } catch (RejectedExecutionException closing) {
            LOG.fine(() -> "broker watch closing; " + type + " not handled");
        }
    }

    private void handle(FailoverEventType type) {
        switch (type) {
            case FAILURE_DETECTED -> sender.link().connectionFailed("the broker connection failed");
            case FAILOVER_COMPLETED -> {
                LOG.info("broker watch reconnected; probing the reply path");
                reconnected.fire(new Reconnected());
            }
            case FAILOVER_FAILED -> reconnectLater();
        }
    }

    /** The adapter gave up failing over this connection: close it and connect from the start. */
    private synchronized void reconnectLater() {
        closeQuietly(connection);
        connection = null;
        if (!closed) {
            connecting = scheduler.scheduleWithFixedDelay(this::connect, CONNECT_RETRY_MS, CONNECT_RETRY_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "closing the broker watch connection", e);
        }
    }
}
