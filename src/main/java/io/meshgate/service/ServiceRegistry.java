package io.meshgate.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The services this node hosts: every CDI bean of type {@link ServiceHandler} annotated with
 * {@link MeshService}. Two beans claiming one id fail the deployment. Read-only after start;
 * thread-safe.
 */
@ApplicationScoped
public class ServiceRegistry {

    private static final Logger LOG = Logger.getLogger(ServiceRegistry.class.getName());

    @Inject
    BeanManager beans;

    private final Map<String, ServiceHandler> handlers = new TreeMap<>();
    private final Map<String, MeshService> settings = new TreeMap<>();

    @PostConstruct
    void discover() {
        for (Bean<?> bean : beans.getBeans(ServiceHandler.class, Any.Literal.INSTANCE)) {
            MeshService meta = bean.getBeanClass().getAnnotation(MeshService.class);
            if (meta == null) {
                continue;
            }
            ServiceHandler handler = (ServiceHandler) beans.getReference(bean, ServiceHandler.class,
                    beans.createCreationalContext(bean));
            if (handlers.putIfAbsent(meta.value(), handler) != null) {
                throw new IllegalStateException("two beans claim service '" + meta.value() + "'");
            }
            settings.put(meta.value(), meta);
        }
        LOG.info(() -> "hosting services " + handlers.keySet());
    }

    /** The handler of a service, or null when this node does not host it. */
    public ServiceHandler handler(String service) {
        return handlers.get(service);
    }

    /**
     * Whether a service's answers may be compressed; true for services this node does not host
     * (every node of a cluster runs the same WAR, so the ingress node knows the setting).
     */
    public boolean compresses(String service) {
        MeshService meta = settings.get(service);
        return meta == null || meta.compress();
    }

    /** The delivery semantics of a hosted service (at-least-once for one this node does not host). */
    public Delivery delivery(String service) {
        MeshService meta = settings.get(service);
        return meta == null ? Delivery.AT_LEAST_ONCE : meta.delivery();
    }

    /** The ids of the hosted services, sorted. */
    public List<String> services() {
        return List.copyOf(handlers.keySet());
    }
}
