package io.meshgate.routing;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The timer for per-request and per-session deadlines: one scheduler thread from the container's
 * managed thread factory. Scheduling on the container's managed scheduled executor captures the
 * caller's context for every task (Payara does it with a ServiceLoader scan of the class path),
 * which cost more CPU than the request itself; this timer captures it once, when its thread starts.
 */
@ApplicationScoped
public class RequestTimer {

    @Resource
    ManagedThreadFactory threads;

    private ScheduledThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ScheduledThreadPoolExecutor(1, threads);
        executor.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The scheduler; tasks must be short (they answer a request or close a session). */
    public ScheduledExecutorService scheduler() {
        return executor;
    }
}
