package io.meshgate.service;

import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.messaging.BatchLimits;
import io.meshgate.messaging.Coalescer;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.MeshgateException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Sends replies to the requesting nodes' reply destinations. Replies bound for one node that are
 * ready while a send to it is in flight leave together, as one batch message ({@link Coalescer}):
 * the thread that finds the destination idle sends, and the others wait until their reply has
 * left with its next send, so that a request's message is acknowledged only after its reply was
 * handed to the broker, as without batching.
 *
 * <p>A reply sent alone carries its correlation id as the broker's duplicate-detection id (a
 * request run again after its first node died having replied but not acknowledged is answered
 * once); a batch carries none, and the requesting node's pending table takes the first reply of
 * each request.
 *
 * <p>Thread-safe; sends on the calling thread or waits for another's send.
 */
@ApplicationScoped
public class ReplySender {

    /** Replies live this much longer than the request's deadline, so that a late one is still counted. */
    private static final long REPLY_GRACE_MS = 1_000;

    @Inject
    JmsSender sender;
    @Inject
    Metrics metrics;
    @Inject
    BatchLimits limits;

    private final Clock clock = Clock.systemUTC();
    /** The replies held on this thread while it runs {@link #together}; null outside. */
    private final ThreadLocal<List<Outgoing>> held = new ThreadLocal<>();
    private Coalescer<Outgoing> batches;

    @PostConstruct
    void init() {
        batches = limits.coalescer(this::send);
    }

    /**
     * Sends the one reply of a request and returns once the broker took it.
     *
     * @throws MeshgateException UNAVAILABLE when the broker did not take it
     */
    public void send(MeshRequest request, MeshReply reply) {
        long ttlMs = Math.max(1, Duration.between(clock.instant(), request.deadline()).toMillis()) + REPLY_GRACE_MS;
        Outgoing out = new Outgoing(reply.answering(request).toEnvelope(), ttlMs, request.correlationId(),
                request.replyTo());
        batches.add(out.replyTo, out);
        List<Outgoing> holding = held.get();
        if (holding != null) {
            holding.add(out);
            return;
        }
        metrics.batches("meshgate_reply_batches_total", batches.drain(out.replyTo));
        out.await();
    }

    /**
     * Runs {@code work}, holding the replies it sends on this thread until it ends; they then
     * leave together (one message per reply destination, within the batch caps), and this returns
     * once the broker took them all.
     *
     * @throws MeshgateException the first reply the broker did not take, when {@code work} itself
     *     did not throw
     */
    public void together(Runnable work) {
        if (held.get() != null) {
            work.run();
            return;
        }
        List<Outgoing> holding = new ArrayList<>();
        held.set(holding);
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            held.remove();
            try {
                release(holding);
            } catch (MeshgateException unsent) {
                e.addSuppressed(unsent);
            }
            throw e;
        }
        held.remove();
        release(holding);
    }

    /**
     * Inside {@link #together}: sends the replies held so far on this thread and returns once the
     * broker took them, so that they do not wait for a slow request run next. Holding goes on.
     *
     * @throws MeshgateException the first of them the broker did not take
     */
    public void releaseHeld() {
        List<Outgoing> holding = held.get();
        if (holding == null || holding.isEmpty()) {
            return;
        }
        List<Outgoing> now = new ArrayList<>(holding);
        holding.clear();
        release(now);
    }

    private void release(List<Outgoing> holding) {
        Set<String> destinations = new LinkedHashSet<>();
        holding.forEach(o -> destinations.add(o.replyTo));
        for (String d : destinations) {
            metrics.batches("meshgate_reply_batches_total", batches.drain(d));
        }
        for (Outgoing o : holding) {
            o.await();
        }
    }

    private void send(String replyTo, List<Outgoing> batch) {
        List<Envelope> envelopes = new ArrayList<>(batch.size());
        long ttlMs = 0;
        for (Outgoing o : batch) {
            envelopes.add(o.envelope);
            ttlMs = Math.max(ttlMs, o.ttlMs);
        }
        sender.sendToQueue(replyTo, envelopes, ttlMs, batch.get(0).correlationId);
    }

    /** A reply waiting on its destination's lane, and the caller waiting for it to leave. */
    private static final class Outgoing implements Coalescer.Item {
        final Envelope envelope;
        final long ttlMs;
        final String correlationId;
        final String replyTo;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile MeshgateException failure;

        Outgoing(Envelope envelope, long ttlMs, String correlationId, String replyTo) {
            this.envelope = envelope;
            this.ttlMs = ttlMs;
            this.correlationId = correlationId;
            this.replyTo = replyTo;
        }

        @Override
        public int bytes() {
            return envelope.dataLength() + Coalescer.ATTRIBUTE_BYTES;
        }

        @Override
        public void sent() {
            done.countDown();
        }

        @Override
        public void failed(MeshgateException e) {
            failure = e;
            done.countDown();
        }

        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MeshgateException.internal("interrupted while a reply was sent", e);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
