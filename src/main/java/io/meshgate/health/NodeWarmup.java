package io.meshgate.health;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.channel.ChannelSecurity;
import io.meshgate.cluster.ClusterView;
import io.meshgate.cluster.NodeIdentity;
import io.meshgate.routing.RequestRouter;
import io.meshgate.service.Intake;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes a node fast from the moment it is ready: before readiness goes UP and before it takes a
 * client session, the node runs its own hot paths until the JIT has compiled them. A node that
 * joined a busy cluster cold used to take sessions at once and spend its first seconds
 * interpreting the channel's crypto and the JMS paths, long enough for requests to time out.
 *
 * <ol>
 *   <li>{@code meshgate.warmup.frames} request/answer exchanges through a channel pair in memory
 *       (the handshake, sealing, opening, Brotli and the message codec: {@link
 *       ChannelSecurity#inMemoryPair()});</li>
 *   <li>{@code meshgate.warmup.requests} requests to {@code meshgate.warmup.service} (of type
 *       {@code meshgate.warmup.type}; the sample {@code echo} by default) through the
 *       ingress path, the broker, a request listener and the reply path, at most
 *       {@value #IN_FLIGHT} at a time, each with an idempotency key {@code warmup-<node>-<n>}. They
 *       are real requests: any node hosting the service may run them, and they count in the
 *       metrics like any other.</li>
 * </ol>
 *
 * It starts once, when every other readiness check holds (the broker paths must work), and it is
 * over after {@code meshgate.warmup.maxMs} at the latest, whatever it reached: a warm-up never keeps
 * a node out of service. Then {@link Intake#warmedUp()} opens the node to sessions.
 *
 * <p>Threading: runs on a thread of its own; {@link #done()} may be read by any thread.
 */
@ApplicationScoped
public class NodeWarmup {

    private static final Logger LOG = Logger.getLogger(NodeWarmup.class.getName());
    /** Warm-up requests in flight at a time. */
    static final int IN_FLIGHT = 32;
    private static final long REQUEST_TIMEOUT_MS = 5_000;
    /** With the index, about a kilobyte of JSON, the size the benchmarks use. */
    private static final String TEXT = "x".repeat(900);

    @Inject
    ChannelSecurity channel;
    @Inject
    RequestRouter router;
    @Inject
    ClusterView cluster;
    @Inject
    NodeIdentity identity;
    @Inject
    Intake intake;
    @Resource
    ManagedThreadFactory threads;
    @Inject
    @ConfigProperty(name = "meshgate.warmup.frames", defaultValue = "10000")
    int frames;
    @Inject
    @ConfigProperty(name = "meshgate.warmup.requests", defaultValue = "1000")
    int requests;
    @Inject
    @ConfigProperty(name = "meshgate.warmup.service", defaultValue = "echo")
    String service;
    @Inject
    @ConfigProperty(name = "meshgate.warmup.type", defaultValue = "echo")
    String type;
    @Inject
    @ConfigProperty(name = "meshgate.warmup.maxMs", defaultValue = "30000")
    long maxMs;

    private final AtomicBoolean started = new AtomicBoolean();

    /** Whether the warm-up is over (done, or given up at its time limit). */
    public boolean done() {
        return intake.warm();
    }

    /** Starts the warm-up on a thread of its own, the first time only. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            threads.newThread(this::run).start();
        }
    }

    private void run() {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(maxMs);
        String frameStep = "none";
        String requestStep = "none";
        try {
            frameStep = exchangeFrames(deadline);
            requestStep = sendRequests(deadline);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "warm-up stopped early: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            intake.warmedUp();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String frames = frameStep;
            String sent = requestStep;
            LOG.info(() -> "node warmed up in " + ms + " ms: " + frames + "; " + sent);
        }
    }

    /** Request/answer exchanges through an in-memory channel pair; says what it did. */
    private String exchangeFrames(long deadline) {
        long t0 = System.nanoTime();
        int n = exchange(channel.inMemoryPair(), frames, deadline, this::request, identity.id());
        return n + " frame exchanges in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms";
    }

    /**
     * Runs the handshake of {@code pair}, then up to {@code count} exchanges until {@code
     * deadline} ({@link System#nanoTime()}): the client end seals a request, the server end opens
     * and decodes it and seals the answer, the client end opens and decodes that. Returns how many
     * exchanges ran.
     *
     * @throws IllegalStateException when a request or an answer does not come through
     */
    static int exchange(ChannelSecurity.FramePair pair, int count, long deadline,
                        java.util.function.IntFunction<WireMessage.Request> requests, String nodeId) {
        MessageCodec codec = new MessageCodec();
        FrameLayer client = pair.client();
        FrameLayer server = pair.server();
        deliver(server.start(), server, client);
        deliver(client.start(), client, server);
        int n = 0;
        for (; n < count && System.nanoTime() < deadline; n++) {
            WireMessage.Request sent = requests.apply(n);
            byte[] atServer = deliver(client.seal(codec.encode(sent), true), client, server);
            if (!(atServer != null && codec.decode(atServer) instanceof WireMessage.Request received
                    && received.id().equals(sent.id()))) {
                throw new IllegalStateException("warm-up request " + n + " did not come through the channel");
            }
            byte[] answer = codec.encode(new WireMessage.Response(received.id(), received.params(), nodeId, nodeId));
            byte[] atClient = deliver(server.seal(answer, true), server, client);
            if (atClient == null || !(codec.decode(atClient) instanceof WireMessage.Response)) {
                throw new IllegalStateException("warm-up answer " + n + " did not come through the channel");
            }
        }
        return n;
    }

    /**
     * Hands {@code frames} from {@code from} to {@code to}, and what {@code to} answers back to
     * {@code from} (the handshake); the last payload {@code to} received, or null.
     */
    static byte[] deliver(List<ByteBuffer> frames, FrameLayer from, FrameLayer to) {
        byte[] payload = null;
        for (ByteBuffer frame : frames) {
            FrameLayer.Inbound in = to.open(frame);
            if (!in.replies().isEmpty()) {
                deliver(in.replies(), to, from);
            }
            if (in.payload() != null) {
                payload = in.payload();
            }
        }
        return payload;
    }

    /** Requests through the broker, {@value #IN_FLIGHT} at a time; says how they ended. */
    private String sendRequests(long deadline) throws InterruptedException {
        while (!cluster.known() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        if (!cluster.isHosted(service)) {
            return "no request sent: no live node hosts '" + service + "' (meshgate.warmup.service)";
        }
        long t0 = System.nanoTime();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        String session = "warmup-" + identity.id();
        int n = 0;
        for (; n < requests; n++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            router.submit(session, request(n), Instant.now(), answer -> {
                (answer instanceof WireMessage.Response ? ok : failed).incrementAndGet();
                slots.release();
            });
        }
        long left = deadline - System.nanoTime();
        boolean allEnded = left > 0 && slots.tryAcquire(IN_FLIGHT, left, TimeUnit.NANOSECONDS);
        return n + " requests to '" + service + "' in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                + " ms (" + ok.get() + " ok, " + failed.get() + " errors"
                + (allEnded ? ")" : ", the rest still in flight at the time limit)");
    }

    private WireMessage.Request request(int n) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.put("i", n);
        params.put("text", TEXT);
        return new WireMessage.Request(Integer.toString(n + 1), service, type, params, REQUEST_TIMEOUT_MS,
                "warmup-" + identity.id() + "-" + n);
    }
}
