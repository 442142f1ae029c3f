package io.meshgate.container;

import io.meshgate.cluster.ClusterView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Lets an in-container test wait for a condition on the node's state: the condition is checked
 * again each time the node applies a control message ({@link ClusterView.Heard}, once a heartbeat
 * per node), never on a timer. Deployed with the test.
 */
@ApplicationScoped
public class ControlMessagesHeard {

    private static final Phaser HEARD = new Phaser(1);

    void onHeard(@Observes ClusterView.Heard event) {
        HEARD.arrive();
    }

    /** Returns once the condition holds; fails when 10 s of control messages have not made it hold. */
    static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            int phase = HEARD.getPhase();
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                HEARD.awaitAdvanceInterruptibly(phase, end - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(what + ": not so after 10 s of the node's control messages");
            }
        }
    }
}
