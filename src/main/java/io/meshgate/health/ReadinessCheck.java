package io.meshgate.health;

import io.meshgate.cluster.ClusterView;
import io.meshgate.cluster.NodeReadiness;
import io.meshgate.messaging.JmsSender;
import io.meshgate.messaging.ListenerActivations;
import io.meshgate.push.PushPublisher;
import io.meshgate.routing.RequestRouter;
import io.meshgate.service.ServiceDispatcher;
import io.meshgate.service.ServiceRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} is UP when this node can serve: its sends reach the broker, it heard its
 * own heartbeat on the control topic (the adapter is deployed, the control listener active), its
 * reply destination delivers (some reply arrived within five seconds; a probe goes every second),
 * and the adapter reports a live activation of the push listener and of the request listener of every hosted service
 * ({@link ListenerActivations}); and, once all of these have held, the node has warmed up its hot
 * paths ({@link NodeWarmup}, started from here). Payara's own "ready" checks none of these. Every
 * second the state is evaluated and each change is logged once, with the checks that failed.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck, NodeReadiness {

    private static final Logger LOG = Logger.getLogger(ReadinessCheck.class.getName());

    @Inject
    ClusterView cluster;
    @Inject
    RequestRouter router;
    @Inject
    ServiceRegistry registry;
    @Inject
    JmsSender sender;
    @Inject
    NodeWarmup warmup;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ListenerActivations listeners = ListenerActivations.install();
    private ScheduledFuture<?> watch;
    private Boolean lastReady;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing the event creates this bean at start-up, so that changes are logged from the start
    }

    @PostConstruct
    void start() {
        watch = scheduler.scheduleAtFixedRate(this::logChange, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        watch.cancel(false);
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Boolean> checks = checks();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("meshgate");
        checks.forEach(b::withData);
        b.withData("nodes", cluster.members().size());
        return b.status(!checks.containsValue(false)).build();
    }

    /** Whether every check holds (what heartbeats tell the other nodes). */
    @Override
    public boolean ready() {
        return !checks().containsValue(false);
    }

    /** Each check by name, in a stable order; the last is {@code warm}. */
    private Map<String, Boolean> checks() {
        Map<String, Boolean> checks = paths();
        checks.put("warm", warmup.done());
        return checks;
    }

    /** The checks that the node's messaging paths work. */
    private Map<String, Boolean> paths() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("broker", sender.brokerUp());
        checks.put("controlTopic", cluster.hearsItself());
        checks.put("replyDestination", router.replyPathWorks());
        checks.put("pushAddress", listeners.isActive(PushPublisher.ADDRESS));
        for (String service : registry.services()) {
            checks.put("service." + service, listeners.isActive(ServiceDispatcher.topicOf(service)));
        }
        return checks;
    }

    /** Every second: starts the warm-up once the messaging paths work, and logs each change of readiness. */
    private void logChange() {
        Map<String, Boolean> checks = paths();
        if (!warmup.done() && !checks.containsValue(false)) {
            warmup.start();
        }
        checks.put("warm", warmup.done());
        boolean ready = !checks.containsValue(false);
        if (lastReady != null && lastReady == ready) {
            return;
        }
        if (ready) {
            LOG.info("node ready");
        } else if (lastReady != null) {
            LOG.warning(() -> "node not ready; failing checks: " + checks.entrySet().stream()
                    .filter(e -> !e.getValue()).map(Map.Entry::getKey).toList());
        }
        lastReady = ready;
    }
}
