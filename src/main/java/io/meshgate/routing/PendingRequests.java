package io.meshgate.routing;

import io.meshgate.envelope.MeshReply;
import io.meshgate.wire.MeshgateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The requests this node has published and not yet answered: correlation id to the callback that
 * answers the client. Each request ends exactly once: with its reply, with an error, or with
 * {@code TIMEOUT} when its deadline passes, whichever comes first; later outcomes are ignored.
 * Thread-safe: replies, timeouts and session closes may race.
 */
public final class PendingRequests {

    /** How a pending request ended. */
    public sealed interface Outcome {
        /** A reply arrived (a result or an error from the processing node). */
        record Replied(MeshReply reply) implements Outcome { }

        /** It failed here: timeout, broker failure, session gone. */
        record Failed(MeshgateException error) implements Outcome { }

        /**
         * It was in flight when the broker was lost: its request or its reply may have been lost
         * with the broker, and it may or may not have run.
         */
        record InDoubt(String reason) implements Outcome { }
    }

    private record Entry(String sessionId, Consumer<Outcome> callback, ScheduledFuture<?> timer) { }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Clock clock;

    public PendingRequests(ScheduledExecutorService timer, Clock clock) {
        this.timer = timer;
        this.clock = clock;
    }

    /**
     * Records a request. {@code callback} is called exactly once, on the thread that ends the
     * request.
     *
     * @throws IllegalStateException when the correlation id is already pending
     */
    public void register(String correlationId, String sessionId, Instant deadline, Consumer<Outcome> callback) {
        Objects.requireNonNull(callback, "callback");
        long delayMs = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        long timeoutMs = delayMs;
        Entry placeholder = new Entry(sessionId, callback, null);
        if (entries.putIfAbsent(correlationId, placeholder) != null) {
            throw new IllegalStateException("correlation id already pending: " + correlationId);
        }
        ScheduledFuture<?> t = timer.schedule(() -> complete(correlationId,
                new Outcome.Failed(MeshgateException.timeout(timeoutMs))), delayMs, TimeUnit.MILLISECONDS);
        if (!entries.replace(correlationId, placeholder, new Entry(sessionId, callback, t))) {
            t.cancel(false);
        }
    }

    /**
     * Ends a request with an outcome. Returns false (and does nothing) when the request already
     * ended or was never registered.
     */
    public boolean complete(String correlationId, Outcome outcome) {
        Entry e = entries.remove(correlationId);
        if (e == null) {
            return false;
        }
        if (e.timer() != null) {
            e.timer().cancel(false);
        }
        e.callback().accept(outcome);
        return true;
    }

    /** Forgets every request of a closed session without answering them; returns how many. */
    public int forgetSession(String sessionId) {
        int[] n = {0};
        entries.entrySet().removeIf(en -> {
            boolean mine = en.getValue().sessionId().equals(sessionId);
            if (mine) {
                n[0]++;
                if (en.getValue().timer() != null) {
                    en.getValue().timer().cancel(false);
                }
            }
            return mine;
        });
        return n[0];
    }

    /**
     * Takes a pending request out without telling its callback (its answer goes elsewhere);
     * returns its session id, or null when it was not pending.
     */
    public String withdraw(String correlationId) {
        Entry e = entries.remove(correlationId);
        if (e == null) {
            return null;
        }
        if (e.timer() != null) {
            e.timer().cancel(false);
        }
        return e.sessionId();
    }

    /** The session of a pending request, or null when it is not pending. */
    public String sessionOf(String correlationId) {
        Entry e = entries.get(correlationId);
        return e == null ? null : e.sessionId();
    }

    /** Ends every pending request with the same outcome; returns how many. */
    public int completeAll(Outcome outcome) {
        int n = 0;
        for (String id : entries.keySet()) {
            if (complete(id, outcome)) {
                n++;
            }
        }
        return n;
    }

    /** Whether a request is still waiting for its outcome. */
    public boolean isPending(String correlationId) {
        return entries.containsKey(correlationId);
    }

    /** Requests waiting for an outcome. */
    public int size() {
        return entries.size();
    }
}
