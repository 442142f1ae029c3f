package io.meshgate.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Whether this node can reach the broker. A broker connection that fails (told by
 * {@link BrokerWatch} the moment its socket closes) marks the link lost; so does a send that fails, or a send
 * that has waited longer than the stall limit (the adapter blocks a send while it reconnects)
 * while nothing has arrived from the broker for as long: a broker that still delivers messages is
 * slow (a busy machine, producer flow control), not lost, and ending every request in flight on
 * it would fail requests that are about to be answered. Only a
 * round trip marks it up again: a message this node sent after the loss came back from the broker
 * (its own heartbeat on the control topic, or a probe on its reply destination). A send that
 * returns is no proof, since the adapter gives up waiting after its failover timeout and lets a
 * non-persistent send go without an error. Each change is told once to the listener, with what
 * failed in between, so that an outage is one pair of log lines however many requests it failed.
 * A send that began before the link was last regained says nothing about the broker now (it may
 * still hang on a connection to a broker that died, until the adapter's call timeout): its stall
 * or failure does not lose the link again, so one stale send cannot make the link flap.
 *
 * <p>Plain class, thread-safe; the state changes under this object's lock.
 */
public final class BrokerLink {

    /** A change of state, as told to the listener. */
    public sealed interface Change {
        /** The broker became unreachable. */
        record Lost(String reason) implements Change { }

        /** The broker answers again after {@code away}; what was refused and what failed meanwhile. */
        record Regained(Duration away, long refused, long failedSends) implements Change { }
    }

    private final Clock clock;
    private final Duration stallLimit;
    private final Consumer<Change> listener;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private volatile boolean up = true;
    private Instant lostAt;
    private volatile Instant regainedAt = Instant.MIN;
    private volatile Instant lastArrival = Instant.MIN;

    /**
     * @param stallLimit how long a send may wait before the broker counts as lost
     * @param listener   told each change, on the thread that caused it
     */
    public BrokerLink(Clock clock, Duration stallLimit, Consumer<Change> listener) {
        this.clock = clock;
        this.stallLimit = stallLimit;
        this.listener = listener;
    }

    /** Whether the broker is reachable, as far as this node knows. */
    public boolean up() {
        return up;
    }

    /** A message arrived from the broker at {@code at} (any message this node consumes): the broker delivers. */
    public void arrived(Instant at) {
        lastArrival = at;
    }

    /**
     * A message that this node sent at {@code sentAt} came back from the broker: the broker
     * delivers, and the link is up again if the message was sent after the loss.
     */
    public void roundTrip(Instant sentAt) {
        arrived(clock.instant());
        if (up) {
            return;
        }
        Change.Regained change;
        synchronized (this) {
            if (up || sentAt.isBefore(lostAt)) {
                return;
            }
            up = true;
            regainedAt = clock.instant();
            change = new Change.Regained(Duration.between(lostAt, clock.instant()), refused.getAndSet(0),
                    failedSends.getAndSet(0));
        }
        listener.accept(change);
    }

    /** A send that began at {@code startedAt} failed with this reason. */
    public void sendFailed(String reason, Instant startedAt) {
        failedSends.incrementAndGet();
        if (tells(startedAt)) {
            lose(reason);
        }
    }

    /**
     * The broker connection failed just now (its socket closed: the broker died or dropped this
     * node): the link is lost, whatever the sends still say.
     */
    public void connectionFailed(String reason) {
        lose(reason);
    }

    /**
     * Whether a send that began at {@code startedAt} tells anything about the broker now: it
     * began after the link was last regained. A watcher looks for the oldest such send.
     */
    public boolean tells(Instant startedAt) {
        return !startedAt.isBefore(regainedAt);
    }

    /**
     * The oldest send still waiting that {@link #tells tells} anything began at {@code startedAt}:
     * it loses the link once it has waited longer than the stall limit, unless a message has
     * arrived from the broker within the stall limit.
     */
    public void oldestSendWaiting(Instant startedAt) {
        Instant now = clock.instant();
        Duration waited = Duration.between(startedAt, now);
        if (!tells(startedAt) || waited.compareTo(stallLimit) <= 0
                || !lastArrival.isBefore(now.minus(stallLimit))) {
            return;
        }
        lose("a send has waited " + waited.toMillis() + " ms for the broker"
                + (lastArrival.equals(Instant.MIN) ? ", and nothing has arrived from it"
                : ", and nothing has arrived from it for " + Duration.between(lastArrival, now).toMillis() + " ms"));
    }

    /** A request was refused because the link is lost (counted for the next {@link Change.Regained}). */
    public void refused() {
        refused.incrementAndGet();
    }

    private void lose(String reason) {
        if (!up) {
            return;
        }
        synchronized (this) {
            if (!up) {
                return;
            }
            up = false;
            lostAt = clock.instant();
        }
        listener.accept(new Change.Lost(reason));
    }
}
