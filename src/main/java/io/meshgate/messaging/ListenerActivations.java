package io.meshgate.messaging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of this node's message listeners are attached to the broker right now. The container
 * gives no portable way to ask whether a message-driven bean is active, and Payara reports an
 * application ready even when one failed to activate; the Artemis adapter, however, reports every
 * activation it completes ("Setup complete ...(... destination=meshgate.service.echo transacted=false)") and every
 * teardown (on undeployment or a lost broker connection) on its activation logger at FINE level.
 * This handler listens to that logger and keeps the set of destinations with a live activation.
 *
 * <p>Installed once per process, before the container activates the listeners; thread-safe.
 */
public final class ListenerActivations extends Handler {

    /** The adapter's logger for activations. */
    public static final String ACTIVATION_LOGGER = "org.apache.activemq.artemis.ra.inflow.ActiveMQActivation";
    private static final Pattern DESTINATION = Pattern.compile(" destination=([^\\s)]+)");
    private static final ListenerActivations INSTANCE = new ListenerActivations();
    /** Held so that the level set on it is not lost when the logger is collected. */
    private static final Logger ADAPTER_LOGGER = Logger.getLogger(ACTIVATION_LOGGER);

    private final Set<String> active = ConcurrentHashMap.newKeySet();

    ListenerActivations() {
        setLevel(Level.FINE);
    }

    /** The process-wide instance, attached to the adapter's logger on first call. */
    public static synchronized ListenerActivations install() {
        if (ADAPTER_LOGGER.getLevel() == null || ADAPTER_LOGGER.getLevel().intValue() > Level.FINE.intValue()) {
            ADAPTER_LOGGER.setLevel(Level.FINE);
        }
        for (Handler h : ADAPTER_LOGGER.getHandlers()) {
            if (h == INSTANCE) {
                return INSTANCE;
            }
        }
        ADAPTER_LOGGER.addHandler(INSTANCE);
        ADAPTER_LOGGER.setUseParentHandlers(false);
        return INSTANCE;
    }

    /** Whether a listener on this destination (topic or queue name) is attached. */
    public boolean isActive(String destination) {
        return active.contains(destination);
    }

    /** Applies one message of the adapter's activation logger. */
    void accept(String message) {
        if (message == null) {
            return;
        }
        boolean up = message.startsWith("Setup complete");
        boolean down = message.startsWith("Tearing down complete");
        if (!up && !down) {
            return;
        }
        Matcher m = DESTINATION.matcher(message);
        if (m.find()) {
            if (up) {
                active.add(m.group(1));
            } else {
                active.remove(m.group(1));
            }
        }
    }

    /**
     * Reads the record; records of INFO and above go on to the parent logger's handlers as before
     * (this logger's FINE records, which only this handler wants, do not reach the server log).
     */
    @Override
    public void publish(LogRecord record) {
        accept(record.getMessage());
        if (record.getLevel().intValue() >= Level.INFO.intValue() && ADAPTER_LOGGER.getParent() != null) {
            ADAPTER_LOGGER.getParent().log(record);
        }
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        active.clear();
    }
}
