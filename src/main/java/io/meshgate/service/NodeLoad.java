package io.meshgate.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's resource state as the load filter sees it: requests in flight against capacity.
 * Thread-safe.
 */
@ApplicationScoped
public class NodeLoad {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int capacity;

    @Inject
    public NodeLoad(@ConfigProperty(name = "meshgate.node.capacity", defaultValue = "64") int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("meshgate.node.capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** For CDI proxies only. */
    protected NodeLoad() {
        this.capacity = 1;
    }

    /**
     * Counts one more request running, if the count is still what the caller decided on; returns
     * false when another thread changed it meanwhile (the caller decides again on a new snapshot).
     */
    public boolean tryBegin(LoadSnapshot decidedOn) {
        return inFlight.compareAndSet(decidedOn.inFlight(), decidedOn.inFlight() + 1);
    }

    /** A request has finished (with any outcome). */
    public void end() {
        inFlight.decrementAndGet();
    }

    /** The state now. */
    public LoadSnapshot snapshot() {
        return new LoadSnapshot(inFlight.get(), capacity);
    }
}
