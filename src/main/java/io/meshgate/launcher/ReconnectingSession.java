package io.meshgate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * One of the fault checker's sessions, opened again at once when it closes (its calls end
 * {@code DISCONNECTED}, or the socket closes), through the same URL, with a small backoff between
 * failed attempts (100 ms doubling to 2 s, with jitter). Calls made while it is reopening end
 * {@code DISCONNECTED} at once. This class goes away once the client resumes its sessions itself.
 *
 * <p>Thread-safe: calls come from the pacing thread, losses from the clients' threads, attempts
 * run on the shared timer.
 */
final class ReconnectingSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReconnectingSession.class.getName());
    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 2_000;

    private final URI uri;
    private final ClientOptions options;
    private final ScheduledExecutorService timer;
    private final List<MeshgateClient> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private MeshgateClient current;
    private volatile String node;
    private boolean closed;

    private ReconnectingSession(URI uri, ClientOptions options, ScheduledExecutorService timer) {
        this.uri = uri;
        this.options = options;
        this.timer = timer;
    }

    /** Opens a session (the first connection must succeed); attempts to reopen it run on {@code timer}. */
    static ReconnectingSession open(URI uri, ClientOptions options, ScheduledExecutorService timer) {
        ReconnectingSession s = new ReconnectingSession(uri, options, timer);
        s.adopt(MeshgateClient.connect(uri, options));
        return s;
    }

    /**
     * How long to wait before reconnection attempt {@code attempt + 1} after {@code attempt} failed
     * ones: 100 ms doubling up to 2 s, drawn between half of that and all of it by {@code random}
     * in [0, 1).
     */
    static long backoffMs(int attempt, double random) {
        long step = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt, 10));
        return step / 2 + (long) (random * (step - step / 2));
    }

    /** Calls through the current connection, or ends {@code DISCONNECTED} at once while there is none. */
    CompletionStage<Response> call(String service, String type, JsonNode params, Duration timeout, String key) {
        MeshgateClient c;
        synchronized (this) {
            c = current;
        }
        if (c == null) {
            return CompletableFuture.completedFuture(new Response(null, false, null, MeshgateClient.DISCONNECTED,
                    "session reconnecting", null, null));
        }
        return c.call(service, type, params, timeout, key).whenComplete((r, e) -> {
            if (r != null && MeshgateClient.DISCONNECTED.equals(r.errorCode())) {
                lost(c);
            }
        });
    }

    /** The node holding the session now, or the last one that did while it is reopening. */
    String node() {
        return node;
    }

    /** Connections opened again after the first. */
    int reconnects() {
        return reconnects.get();
    }

    /** Answers that matched no call, over every connection this session has had. */
    long unmatchedAnswers() {
        return clients.stream().mapToLong(MeshgateClient::unmatchedAnswers).sum();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            current = null;
        }
        clients.forEach(MeshgateClient::close);
    }

    private void adopt(MeshgateClient c) {
        synchronized (this) {
            current = c;
        }
        node = c.node();
        clients.add(c);
        c.closed().thenRun(() -> lost(c));
    }

    /** The connection {@code c} has ended: if it is the current one, reopen the session. */
    private void lost(MeshgateClient c) {
        synchronized (this) {
            if (closed || current != c) {
                return;
            }
            current = null;
        }
        c.close();
        timer.execute(() -> attempt(0));
    }

    private void attempt(int failed) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        MeshgateClient c;
        try {
            c = MeshgateClient.connect(uri, options);
        } catch (RuntimeException e) {
            long delay = backoffMs(failed, ThreadLocalRandom.current().nextDouble());
            LOG.fine(() -> "reconnecting to " + uri + " failed (" + e.getMessage() + "); next try in " + delay + " ms");
            timer.schedule(() -> attempt(failed + 1), delay, TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (this) {
            if (closed) {
                c.close();
                return;
            }
        }
        reconnects.incrementAndGet();
        adopt(c);
    }
}
