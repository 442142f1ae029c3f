package io.meshgate.service.samples;

import io.meshgate.service.Delivery;
import io.meshgate.service.MeshService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@link WorkService} declared {@link Delivery#AT_MOST_ONCE}: a request whose processing node
 * dies is answered {@code INTERRUPTED} and never run a second time (for failure tests and as an
 * example of a service that must not run twice).
 */
@ApplicationScoped
@MeshService(value = "work-once", consumers = 16, delivery = Delivery.AT_MOST_ONCE)
public class WorkOnceService extends WorkService {
}
