package io.meshgate.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's caps on a batch between nodes ({@code meshgate.batch.maxCount} envelopes,
 * {@code meshgate.batch.maxBytes} bytes), for every {@link Coalescer} it makes. Thread-safe.
 */
@ApplicationScoped
public class BatchLimits {

    @Inject
    @ConfigProperty(name = "meshgate.batch.maxCount", defaultValue = "64")
    int maxCount;
    @Inject
    @ConfigProperty(name = "meshgate.batch.maxBytes", defaultValue = "65536")
    int maxBytes;

    /** A coalescer sending through {@code sink} within these caps. */
    public <T extends Coalescer.Item> Coalescer<T> coalescer(Coalescer.Sink<T> sink) {
        return new Coalescer<>(sink, maxCount, maxBytes);
    }
}
