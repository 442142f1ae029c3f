package io.meshgate.channel;

import io.meshgate.cluster.NodeIdentity;
import io.meshgate.metrics.Metrics;
import io.meshgate.push.PushRegistry;
import io.meshgate.routing.RequestRouter;
import io.meshgate.routing.RequestTimer;
import io.meshgate.service.ServiceRegistry;
import jakarta.enterprise.inject.spi.CDI;

/**
 * What every {@link GatewayEndpoint} needs, looked up once: endpoints are created by the
 * {@link HandshakeConfigurator} with a plain constructor, because the container's CDI path builds
 * injection metadata for each new endpoint instance (a few KiB of heap per session that stays for
 * the session's life, and reflection on every connect). The components are the application-scoped
 * beans' client proxies, safe from any thread.
 */
record EndpointDependencies(SessionRegistry sessions, RequestRouter router, RequestTimer timer,
                            NodeIdentity identity, Metrics metrics, ChannelSecurity security,
                            ServiceRegistry services, PushRegistry pushes) {

    /** The application's beans, looked up through CDI. */
    static EndpointDependencies lookup() {
        CDI<Object> cdi = CDI.current();
        return new EndpointDependencies(cdi.select(SessionRegistry.class).get(), cdi.select(RequestRouter.class).get(),
                cdi.select(RequestTimer.class).get(), cdi.select(NodeIdentity.class).get(),
                cdi.select(Metrics.class).get(), cdi.select(ChannelSecurity.class).get(),
                cdi.select(ServiceRegistry.class).get(), cdi.select(PushRegistry.class).get());
    }
}
