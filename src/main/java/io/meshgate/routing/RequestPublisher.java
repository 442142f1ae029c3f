package io.meshgate.routing;

import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.messaging.BatchLimits;
import io.meshgate.messaging.Coalescer;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.service.ServiceDispatcher;
import io.meshgate.wire.MeshgateException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes client requests to their services' topics on threads of its own, so that a socket
 * reader hands a request off and goes back to reading: a broker send can block for seconds while
 * the adapter fails over, and a session's later frames must not wait behind it.
 *
 * <p>Requests for one service that arrive while the previous send to its topic is in flight
 * leave together, as one batch message ({@link Coalescer}): one broker message instead of
 * several when the node is busy, a batch of one when it is not. A request whose answer came
 * meanwhile or whose deadline passed is left out. At most {@code meshgate.publish.queue} requests
 * wait; beyond that a request is refused at once rather than queued without limit.
 *
 * <p>Thread-safe.
 */
@ApplicationScoped
public class RequestPublisher {

    private static final Logger LOG = Logger.getLogger(RequestPublisher.class.getName());

    @Resource
    ManagedThreadFactory threads;
    @Inject
    JmsSender sender;
    @Inject
    Metrics metrics;
    @Inject
    @ConfigProperty(name = "meshgate.publish.threads", defaultValue = "4")
    int threadCount;
    @Inject
    @ConfigProperty(name = "meshgate.publish.queue", defaultValue = "4096")
    int queueSize;
    @Inject
    BatchLimits limits;

    private final Clock clock = Clock.systemUTC();
    /** Topics with a drain task queued and not yet started. */
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private ThreadPoolExecutor executor;
    private Coalescer<Outgoing> batches;

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueSize), threads);
        batches = limits.coalescer(this::send);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Publishes a request soon, on a publisher thread, unless {@code wanted} says by then that it
     * is no longer needed; {@code failed} hears why the broker did not take it. Returns false
     * (nothing is sent) when too many requests wait already.
     */
    public boolean publish(MeshRequest request, BooleanSupplier wanted, Consumer<MeshgateException> failed) {
        if (batches.waiting() >= queueSize) {
            return false;
        }
        String topic = ServiceDispatcher.topicOf(request.service());
        batches.add(topic, new Outgoing(request, wanted, failed));
        if (!batches.draining(topic) && scheduled.add(topic)) {
            try {
                executor.execute(() -> {
                    scheduled.remove(topic);
                    metrics.batches("meshgate_request_batches_total", batches.drain(topic));
                });
            } catch (RejectedExecutionException full) {
                scheduled.remove(topic);
                LOG.warning(() -> "publisher threads refused a drain of " + topic + "; its requests leave with the next");
            }
        }
        return true;
    }

    /** Sends one batch: the members still wanted and not expired, live as long as the longest needs. */
    private void send(String topic, List<Outgoing> batch) {
        Instant now = clock.instant();
        List<Envelope> envelopes = new ArrayList<>(batch.size());
        long ttlMs = 0;
        for (Outgoing o : batch) {
            long left = Duration.between(now, o.request.deadline()).toMillis();
            if (left > 0 && o.wanted.getAsBoolean()) {
                envelopes.add(o.request.toEnvelope());
                ttlMs = Math.max(ttlMs, left);
            }
        }
        if (!envelopes.isEmpty()) {
            sender.publishToTopic(topic, envelopes, ttlMs);
        }
    }

    /** A request waiting on its topic's lane. */
    private record Outgoing(MeshRequest request, BooleanSupplier wanted, Consumer<MeshgateException> onFailure)
            implements Coalescer.Item {

        @Override
        public int bytes() {
            return request.paramsLength() + Coalescer.ATTRIBUTE_BYTES;
        }

        @Override
        public void sent() {
        }

        @Override
        public void failed(MeshgateException e) {
            onFailure.accept(e);
        }
    }
}
