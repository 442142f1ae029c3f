package io.meshgate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Raises a real SIGTERM in the test JVM. The JVM's own handler is replaced by a recorder first (and
 * put back after each test), so the signal never stops the test run.
 */
class TermSignalTest {

    private static final Signal TERM = new Signal("TERM");

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final CountDownLatch handedOn = new CountDownLatch(1);
    private SignalHandler jvmHandler;

    @BeforeEach
    void replaceTheJvmHandlerWithARecorder() {
        jvmHandler = Signal.handle(TERM, signal -> {
            steps.add("replaced handler");
            handedOn.countDown();
        });
    }

    @AfterEach
    void restoreTheJvmHandler() {
        Signal.handle(TERM, jvmHandler);
    }

    @Test
    void sigtermRunsTheStepAndThenTheHandlerItReplaced() throws InterruptedException {
        TermSignal.install(() -> steps.add("step")).orElseThrow();

        Signal.raise(TERM);

        assertTrue(handedOn.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("step", "replaced handler"), steps);
    }

    @Test
    void aStepThatFailsStillHandsTheSignalOn() throws InterruptedException {
        TermSignal.install(() -> {
            throw new IllegalStateException("drain failed");
        }).orElseThrow();

        Signal.raise(TERM);

        assertTrue(handedOn.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("replaced handler"), steps);
    }

    @Test
    void afterUninstallSigtermGoesStraightToTheReplacedHandler() throws InterruptedException {
        TermSignal.install(() -> steps.add("step")).orElseThrow().uninstall();

        Signal.raise(TERM);

        assertTrue(handedOn.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("replaced handler"), steps);
    }
}
