package io.meshgate.channel;

import io.meshgate.cluster.NodeIdentity;
import io.meshgate.metrics.Metrics;
import io.meshgate.routing.RequestRouter;
import io.meshgate.routing.RequestTimer;
import io.meshgate.service.ServiceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

/**
 * What every {@link GatewayEndpoint} needs, injected once: endpoints are created by the
 * {@link HandshakeConfigurator} with a plain constructor, because the container's CDI path builds
 * injection metadata for each new endpoint instance (a few KiB of heap per session that stays for
 * the session's life, and reflection on every connect). Thread-safe (application-scoped beans).
 */
@ApplicationScoped
public class EndpointDependencies {

    @Inject
    SessionRegistry sessions;
    @Inject
    RequestRouter router;
    @Inject
    RequestTimer timer;
    @Inject
    NodeIdentity identity;
    @Inject
    Metrics metrics;
    @Inject
    ChannelSecurity security;
    @Inject
    ServiceRegistry services;

    SessionRegistry sessions() {
        return sessions;
    }

    RequestRouter router() {
        return router;
    }

    RequestTimer timer() {
        return timer;
    }

    NodeIdentity identity() {
        return identity;
    }

    Metrics metrics() {
        return metrics;
    }

    ChannelSecurity security() {
        return security;
    }

    ServiceRegistry services() {
        return services;
    }

    /** The application's instance (a client proxy: read it through the methods), looked up through CDI. */
    static EndpointDependencies current() {
        return CDI.current().select(EndpointDependencies.class).get();
    }
}
