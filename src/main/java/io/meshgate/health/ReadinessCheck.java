package io.meshgate.health;

import io.meshgate.cluster.ClusterView;
import io.meshgate.routing.RequestRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} is UP only when messages really flow: this node heard its own heartbeat
 * on the control topic (the resource adapter is deployed, the control listener active, the broker
 * reachable) and a probe sent to its reply destination came back (the reply listener is active).
 * Payara's own "ready" does not check either.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    ClusterView cluster;
    @Inject
    RequestRouter router;

    @Override
    public HealthCheckResponse call() {
        boolean control = cluster.hearsItself();
        boolean replies = router.replyPathWorks();
        return HealthCheckResponse.named("meshgate")
                .status(control && replies)
                .withData("controlTopic", control)
                .withData("replyDestination", replies)
                .withData("nodes", cluster.members().size())
                .build();
    }
}
