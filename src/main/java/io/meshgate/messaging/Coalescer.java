package io.meshgate.messaging;

import io.meshgate.wire.MeshgateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit of broker sends: items bound for one destination (a <em>lane</em>) that are added
 * while a send to it is in flight leave together in the next send. There is no timer: a lane
 * that is idle sends a batch of one at once, and a batch grows only as long as the previous send
 * takes, up to {@code maxCount} items and {@code maxBytes} bytes (an item larger than that leaves
 * alone). Each item learns the outcome of the send that carried it.
 *
 * <p>Thread-safe. {@link #drain(String)} sends on the calling thread; at most one thread drains a
 * lane at a time, and a thread that finds the lane busy returns at once, leaving its items to
 * the thread that drains. The draining thread sends until the lane is empty.
 *
 * @param <T> what is sent
 */
public final class Coalescer<T extends Coalescer.Item> {

    /** One thing to send, told the outcome of the send that carried it. */
    public interface Item {
        /** Its size, counted against the batch's byte cap. */
        int bytes();

        /** The batch holding it was taken by the broker. */
        void sent();

        /** The batch holding it was not sent. */
        void failed(MeshgateException e);
    }

    /** Sends one batch (in the order the items were added) to a lane's destination. */
    @FunctionalInterface
    public interface Sink<T> {
        /**
         * @throws MeshgateException when the broker did not take the batch
         */
        void send(String lane, List<T> batch);
    }

    /** What an envelope's attributes add to its data in a batch, about: for {@link Item#bytes()}. */
    public static final int ATTRIBUTE_BYTES = 400;

    private final Sink<T> sink;
    private final int maxCount;
    private final int maxBytes;
    private final Map<String, Lane<T>> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    public Coalescer(Sink<T> sink, int maxCount, int maxBytes) {
        if (maxCount < 1 || maxCount > io.meshgate.envelope.EnvelopeBatch.MAX_COUNT) {
            throw new IllegalArgumentException("a batch holds 1 to " + io.meshgate.envelope.EnvelopeBatch.MAX_COUNT
                    + " items, not " + maxCount);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.sink = sink;
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** Adds an item to its lane; it leaves with the next {@link #drain(String)} of that lane. */
    public void add(String lane, T item) {
        waiting.incrementAndGet();
        lanes.computeIfAbsent(lane, l -> new Lane<>()).items.add(item);
    }

    /** Items added and not yet taken into a send, over all lanes. */
    public int waiting() {
        return waiting.get();
    }

    /** Whether a thread drains the lane now (a caller that hands draining off need not schedule another). */
    public boolean draining(String lane) {
        Lane<T> l = lanes.get(lane);
        return l != null && l.busy.get();
    }

    /**
     * Sends what waits on the lane, batch after batch, until it is empty, unless another thread
     * drains it already. Returns the sizes of the batches this call sent, in order (empty when
     * it sent none).
     */
    public List<Integer> drain(String lane) {
        Lane<T> l = lanes.get(lane);
        List<Integer> sizes = List.of();
        while (l != null && !l.items.isEmpty() && l.busy.compareAndSet(false, true)) {
            try {
                for (List<T> batch; !(batch = take(l)).isEmpty(); ) {
                    send(lane, batch);
                    if (sizes.isEmpty()) {
                        sizes = new ArrayList<>(2);
                    }
                    sizes.add(batch.size());
                }
            } finally {
                l.busy.set(false);
            }
            // an item added after the last take and before busy was cleared is sent by the next round
        }
        return sizes;
    }

    private List<T> take(Lane<T> l) {
        List<T> batch = new ArrayList<>();
        int bytes = 0;
        for (T next; batch.size() < maxCount && (next = l.items.peek()) != null; ) {
            if (!batch.isEmpty() && bytes + next.bytes() > maxBytes) {
                break;
            }
            l.items.poll();
            bytes += next.bytes();
            batch.add(next);
        }
        waiting.addAndGet(-batch.size());
        return batch;
    }

    private void send(String lane, List<T> batch) {
        try {
            sink.send(lane, batch);
        } catch (MeshgateException e) {
            batch.forEach(item -> item.failed(e));
            return;
        } catch (RuntimeException e) {
            // told to every item (whose callers report it), and the lane goes on with its next batch
            MeshgateException failure = MeshgateException.internal("sending a batch failed: " + e, e);
            batch.forEach(item -> item.failed(failure));
            return;
        }
        batch.forEach(Item::sent);
    }

    private static final class Lane<T> {
        final Queue<T> items = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }
}
