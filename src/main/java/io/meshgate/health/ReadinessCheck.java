package io.meshgate.health;

import io.meshgate.cluster.ClusterView;
import io.meshgate.routing.RequestRouter;
import io.meshgate.service.ServiceDispatcher;
import io.meshgate.service.ServiceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} is UP only when messages really flow: this node heard its own heartbeat
 * on the control topic (the resource adapter is deployed, the control listener active, the broker
 * reachable), a probe sent to its reply destination came back (the reply listener is active), and
 * the adapter reports a live activation of the request listener of every hosted service
 * ({@link ListenerActivations}). Payara's own "ready" checks none of these.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    ClusterView cluster;
    @Inject
    RequestRouter router;
    @Inject
    ServiceRegistry registry;

    private final ListenerActivations listeners = ListenerActivations.install();

    @Override
    public HealthCheckResponse call() {
        boolean control = cluster.hearsItself();
        boolean replies = router.replyPathWorks();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("meshgate")
                .withData("controlTopic", control)
                .withData("replyDestination", replies)
                .withData("nodes", cluster.members().size());
        boolean services = true;
        for (String service : registry.services()) {
            boolean attached = listeners.isActive(ServiceDispatcher.topicOf(service));
            b.withData("service." + service, attached);
            services &= attached;
        }
        return b.status(control && replies && services).build();
    }
}
