package io.meshgate.routing;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that publish client requests to the broker, so that a socket reader hands a
 * request off and goes back to reading: a broker send can block for seconds while the adapter
 * fails over, and a session's later frames must not wait behind it. A bounded queue: when it is
 * full the request is refused at once rather than queued without limit.
 */
@ApplicationScoped
public class RequestPublisher {

    @Resource
    ManagedThreadFactory threads;
    @Inject
    @ConfigProperty(name = "meshgate.publish.threads", defaultValue = "4")
    int threadCount;
    @Inject
    @ConfigProperty(name = "meshgate.publish.queue", defaultValue = "4096")
    int queueSize;

    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueSize), threads);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Runs a publish task on a publisher thread; false (nothing runs) when the queue is full. */
    public boolean offer(Runnable publish) {
        try {
            executor.execute(publish);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }
}
