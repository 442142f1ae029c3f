package io.meshgate.push;

import io.meshgate.envelope.MeshPush;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.MeshgateException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The pushes this node's services made, waiting for the one thread that sends them to the broker,
 * in the order they were made. A service's thread only offers and goes on: it never waits for the
 * broker. A push is dropped and counted ({@code meshgate_pushes_dropped_total{reason}}) when the
 * broker is unreachable as it is made or as it is due to be sent ({@code broker_lost}), when the
 * queue is full ({@code queue_full}), or when the send fails ({@code send_failed}); a sent push
 * counts in {@code meshgate_pushes_sent_total{to}}.
 *
 * <p>Plain class: {@link #offer} from any thread, {@link #sendNext} from the one sender thread.
 */
final class PushOutbox {

    /** Sends one push to the broker; throws {@link MeshgateException} when it did not take it. */
    @FunctionalInterface
    interface Sender {
        void send(MeshPush push);
    }

    private final BlockingQueue<MeshPush> queue;
    private final BooleanSupplier brokerUp;
    private final Sender sender;
    private final Metrics metrics;

    PushOutbox(int capacity, BooleanSupplier brokerUp, Sender sender, Metrics metrics) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.brokerUp = brokerUp;
        this.sender = sender;
        this.metrics = metrics;
    }

    /** Queues a push for sending; false when it was dropped at once (and counted). */
    boolean offer(MeshPush push) {
        if (!brokerUp.getAsBoolean()) {
            metrics.increment(PushMetrics.DROPPED, "reason", PushMetrics.BROKER_LOST);
            return false;
        }
        if (!queue.offer(push)) {
            metrics.increment(PushMetrics.DROPPED, "reason", PushMetrics.QUEUE_FULL);
            return false;
        }
        return true;
    }

    /**
     * Sends the next push, waiting up to {@code waitMs} for one; false when none came.
     *
     * @throws InterruptedException when the sender thread is stopped
     */
    boolean sendNext(long waitMs) throws InterruptedException {
        MeshPush push = queue.poll(waitMs, TimeUnit.MILLISECONDS);
        if (push == null) {
            return false;
        }
        if (!brokerUp.getAsBoolean()) {
            metrics.increment(PushMetrics.DROPPED, "reason", PushMetrics.BROKER_LOST);
            return true;
        }
        try {
            sender.send(push);
            metrics.increment(PushMetrics.SENT, "to", push.to().attribute());
        } catch (MeshgateException e) {
            metrics.increment(PushMetrics.DROPPED, "reason", PushMetrics.SEND_FAILED);
        }
        return true;
    }

    /** Pushes waiting to be sent. */
    int waiting() {
        return queue.size();
    }
}
