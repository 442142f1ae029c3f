package io.meshgate.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshgate.cluster.NodeIdentity;
import io.meshgate.envelope.MeshPush;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.service.Pushes;
import io.meshgate.wire.Json;
import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.Topics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link Pushes} that services inject: checks the arguments, writes the push as a
 * {@link MeshPush} envelope and leaves it in the {@link PushOutbox}, whose one sender thread
 * publishes it on the multicast address {@value #ADDRESS} through an ordered publisher of its own
 * (so one node's pushes keep their order). Every node, this one included, takes it from there
 * ({@link PushListener}) and delivers it to its matching sessions. Non-persistent, with a time to
 * live of {@code meshgate.push.ttlMs}.
 *
 * <p>Thread-safe; the sender thread comes from the container's managed thread factory.
 */
@ApplicationScoped
public class PushPublisher implements Pushes {

    /** The multicast address every node consumes pushes from. */
    public static final String ADDRESS = "meshgate.push";
    private static final Logger LOG = Logger.getLogger(PushPublisher.class.getName());
    private static final long POLL_MS = 500;

    @Inject
    JmsSender sender;
    @Inject
    NodeIdentity identity;
    @Inject
    Metrics metrics;
    @Resource
    ManagedThreadFactory threads;
    @Inject
    @ConfigProperty(name = "meshgate.push.queue", defaultValue = "4096")
    int queueSize;
    @Inject
    @ConfigProperty(name = "meshgate.push.ttlMs", defaultValue = "10000")
    long ttlMs;

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private PushOutbox outbox;
    private Thread thread;
    private volatile boolean running = true;

    @PostConstruct
    void start() {
        JmsSender.OrderedPublisher publisher = sender.orderedPublisher();
        outbox = new PushOutbox(queueSize, sender::brokerUp,
                push -> publisher.publishToTopic(ADDRESS, push.toEnvelope(), ttlMs), metrics);
        metrics.gauge("meshgate_push_queue", "pushes waiting to be sent to the broker", outbox::waiting);
        thread = threads.newThread(() -> {
            try (publisher) {
                while (running) {
                    outbox.sendNext(POLL_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the push sender stopped", e);
            }
        });
        thread.setName("meshgate-push-sender");
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }

    @Override
    public boolean toSession(String sessionId, String topic, Object data) {
        return offer(MeshPush.To.SESSION, required(sessionId, "sessionId"), topic, data);
    }

    @Override
    public boolean toIdentity(String clientIdentity, String topic, Object data) {
        return offer(MeshPush.To.IDENTITY, required(clientIdentity, "identity"), topic, data);
    }

    @Override
    public boolean publish(String topic, Object data) {
        return offer(MeshPush.To.TOPIC, checkTopic(topic), topic, data);
    }

    private boolean offer(MeshPush.To to, String target, String topic, Object data) {
        MeshPush push = new MeshPush(newId(), identity.id(), to, target, checkTopic(topic), json(data), clock.instant());
        return outbox.offer(push);
    }

    private static String checkTopic(String topic) {
        try {
            return Topics.check(topic);
        } catch (MeshgateException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static byte[] json(Object data) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("push data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (bytes.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("push data is " + bytes.length + " bytes of JSON; at most "
                    + MAX_DATA_BYTES);
        }
        return bytes;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
