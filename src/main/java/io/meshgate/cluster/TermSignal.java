package io.meshgate.cluster;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM runs a step before the JVM starts shutting down. Shutdown hooks run concurrently and in
 * no order, so a drain in a hook races the server's own hooks, which stop the resource adapter and
 * the message-driven beans (and reset logging) while sessions still wait for their answers. This
 * handler runs {@code first} on the signal's own thread, with the whole server still up, and then
 * hands the signal to the handler it replaced (the JVM's, which exits with status 143). A second
 * SIGTERM while the first one's step runs skips nothing: {@code first} is expected to return at
 * once when it already runs, and the process then exits.
 */
final class TermSignal {

    private static final Logger LOG = Logger.getLogger(TermSignal.class.getName());
    private static final Signal TERM = new Signal("TERM");

    private final SignalHandler previous;

    private TermSignal(SignalHandler previous) {
        this.previous = previous;
    }

    /**
     * Installs the handler; empty (and logged) when this JVM does not let it be installed, in which
     * case SIGTERM goes on to the shutdown hooks as before.
     */
    static Optional<TermSignal> install(Runnable first) {
        SignalHandler[] replaced = new SignalHandler[1];
        try {
            replaced[0] = Signal.handle(TERM, signal -> {
                try {
                    first.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "the step before shutdown failed; shutting down anyway", e);
                }
                exitAsBefore(replaced[0], signal);
            });
            return Optional.of(new TermSignal(replaced[0]));
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
            LOG.log(Level.WARNING, "cannot handle SIGTERM (" + e.getMessage()
                    + "); the drain runs in a shutdown hook, concurrently with the server's own", e);
            return Optional.empty();
        }
    }

    /** Gives SIGTERM back to the handler this one replaced (on undeployment). */
    void uninstall() {
        Signal.handle(TERM, previous);
    }

    private static void exitAsBefore(SignalHandler previous, Signal signal) {
        if (previous == SignalHandler.SIG_IGN) {
            return;
        }
        if (previous == SignalHandler.SIG_DFL || previous == null) {
            System.exit(128 + signal.getNumber());
        }
        previous.handle(signal);
    }
}
