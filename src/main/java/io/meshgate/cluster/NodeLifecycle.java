package io.meshgate.cluster;

import io.meshgate.envelope.Envelope;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.service.Intake;
import io.meshgate.service.LoadSnapshot;
import io.meshgate.service.NodeLoad;
import io.meshgate.service.ServiceRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's life in the cluster: announces it on the control topic when the application starts,
 * sends a heartbeat with its load every interval (and expires silent nodes from the view), and
 * announces its departure when the application stops.
 */
@ApplicationScoped
public class NodeLifecycle {

    /** The control topic every node subscribes to. */
    public static final String CONTROL_TOPIC = "meshgate.control";
    private static final Logger LOG = Logger.getLogger(NodeLifecycle.class.getName());

    @Inject
    NodeIdentity identity;
    @Inject
    ServiceRegistry registry;
    @Inject
    NodeLoad load;
    @Inject
    ClusterView view;
    @Inject
    JmsSender sender;
    @Inject
    Instance<SessionGauge> sessions;
    @Inject
    Instance<Drain> drain;
    /** Any: the health check that implements it carries MicroProfile's {@code @Readiness} qualifier. */
    @Inject
    @Any
    Instance<NodeReadiness> readiness;
    @Inject
    Intake intake;
    @Inject
    Metrics metrics;
    @Inject
    @ConfigProperty(name = "meshgate.heartbeat.intervalMs", defaultValue = "1000")
    long intervalMs;
    @Resource
    ManagedThreadFactory threads;
    /** Gives the signal's thread (a JVM thread) the application's class loader and naming context. */
    @Resource
    ContextService context;

    private final AtomicBoolean departed = new AtomicBoolean();
    private final Instant startedAt = Instant.now();
    private long intervalStart = System.nanoTime();
    /**
     * The heartbeat's own thread: a heartbeat send can block while the adapter fails over, and on
     * the container's managed scheduler (one thread on Payara) it would hold every other periodic
     * task of the node behind it.
     */
    private ScheduledThreadPoolExecutor heartbeats;
    private ScheduledFuture<?> heartbeat;
    private Thread departureHook;
    private Optional<TermSignal> termSignal = Optional.empty();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing the event creates this bean, whose @PostConstruct starts the heartbeat
    }

    @PostConstruct
    void start() {
        LOG.info(() -> "node " + identity.id() + " starting; replies on " + identity.replyDestination());
        heartbeats = new ScheduledThreadPoolExecutor(1, threads);
        heartbeat = heartbeats.scheduleAtFixedRate(this::beat, 0, intervalMs, TimeUnit.MILLISECONDS);
        departureHook = new Thread(this::drainThenDepart, "meshgate-departure");
        Runtime.getRuntime().addShutdownHook(departureHook);
        termSignal = TermSignal.install(context.contextualRunnable(this::drainThenDepart));
    }

    /**
     * SIGTERM: drain first (sessions move, held requests finish), then announce the departure.
     * Runs on the signal's thread before the JVM shuts down ({@link TermSignal}), while the server
     * is whole; the shutdown hook runs it too, for an exit that did not come from SIGTERM (and as
     * the fallback where the signal cannot be handled), and there it returns at once when the
     * drain has already run.
     */
    private void drainThenDepart() {
        try {
            drain.get().run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "drain at shutdown failed", e);
        }
        depart();
    }

    /**
     * Undeployment: announce the departure and drop the shutdown hook and the SIGTERM handler.
     * Payara Micro does not undeploy applications when its process is told to stop (SIGTERM).
     */
    @PreDestroy
    void stop() {
        termSignal.ifPresent(TermSignal::uninstall);
        try {
            Runtime.getRuntime().removeShutdownHook(departureHook);
        } catch (IllegalStateException shuttingDown) {
            LOG.fine("JVM already shutting down; the hook announces the departure");
        }
        depart();
        heartbeats.shutdownNow();
    }

    /** Announces this node's departure on the control topic (once) and stops the heartbeat. */
    public void depart() {
        if (!departed.compareAndSet(false, true)) {
            return;
        }
        heartbeat.cancel(false);
        try {
            publish(ControlMessages.DOWN);
            LOG.info(() -> "node " + identity.id() + " announced its departure");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not announce departure; other nodes will expire this node", e);
        }
    }

    private void beat() {
        try {
            publish(view.hearsItself() ? ControlMessages.HEARTBEAT : ControlMessages.UP);
            view.expire();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "heartbeat failed: " + e.getMessage());
        }
    }

    /**
     * What this node tells beyond its load: readiness, drain, start time, and what its clients saw
     * since the previous heartbeat (the heartbeat thread is the only caller, so each interval is
     * reported once).
     */
    private synchronized NodeReport report() {
        long now = System.nanoTime();
        long intervalMs = Math.max(1, (now - intervalStart) / 1_000_000);
        intervalStart = now;
        Boolean ready = null;
        if (readiness.isResolvable()) {
            try {
                ready = readiness.get().ready();
            } catch (RuntimeException e) {
                ready = false;
            }
        }
        return new NodeReport(ready, !intake.open(), startedAt, intervalMs, metrics.requestStats().interval().stream()
                .map(NodeReport.ServiceReport::of).toList(), metrics.recentProtocolErrors());
    }

    private void publish(String type) {
        LoadSnapshot l = load.snapshot();
        int open = sessions.isResolvable() ? sessions.get().openSessions() : 0;
        NodeStatus status = new NodeStatus(identity.id(), registry.services(), l.inFlight(), l.capacity(), open,
                Instant.now(), ControlMessages.DOWN.equals(type) ? NodeReport.NONE : report());
        Envelope e = ControlMessages.of(type, status);
        sender.publishToTopic(CONTROL_TOPIC, e, Math.max(intervalMs * 3, 1_000));
    }
}
