package io.meshgate.cluster;

import io.meshgate.service.Intake;
import io.meshgate.service.NodeLoad;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A node's orderly exit: it stops taking new sessions (the upgrade is answered 503, so nginx tries
 * the next node) and new requests (passed back to their topic for another node), tells its
 * sessions to move ({@link Started}: the channel closes them with 1001, and clients resume on
 * another node), waits until the requests it holds have ended or been parked and its handlers have
 * finished, bounded by {@code meshgate.drain.timeoutMs}, and then announces its departure.
 * Runs once; later calls return at once.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class.getName());

    /** Fired when the drain starts, on the draining thread. */
    public record Started(String nodeId) { }

    @Inject
    NodeIdentity identity;
    @Inject
    Intake intake;
    @Inject
    NodeLoad load;
    @Inject
    Instance<DrainWork> work;
    @Inject
    Event<Started> started;
    @Inject
    NodeLifecycle lifecycle;
    @Inject
    @ConfigProperty(name = "meshgate.drain.timeoutMs", defaultValue = "30000")
    long timeoutMs;

    private final AtomicBoolean once = new AtomicBoolean();

    /** Whether a drain has started. */
    public boolean draining() {
        return !intake.open();
    }

    /** Drains this node (see the class description); returns when it may exit. */
    public void run() throws InterruptedException {
        if (!once.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        LOG.info(() -> "node " + identity.id() + " draining: no new sessions or requests; sessions told to move");
        intake.close();
        started.fire(new Started(identity.id()));
        long end = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int left;
        while ((left = remaining()) > 0 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        int unfinished = left;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (unfinished > 0) {
            LOG.warning(() -> "node " + identity.id() + " drained for " + ms + " ms; leaving with " + unfinished
                    + " requests unfinished (their clients resume elsewhere; at-least-once requests run again)");
        } else {
            LOG.info(() -> "node " + identity.id() + " drained in " + ms + " ms");
        }
        lifecycle.depart();
    }

    private int remaining() {
        int n = load.snapshot().inFlight();
        for (DrainWork w : work) {
            n += w.remaining();
        }
        return n;
    }
}
