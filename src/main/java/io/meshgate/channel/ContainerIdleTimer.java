package io.meshgate.channel;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves the WebSocket container's per-session idle timer onto meshgate's own timer thread.
 *
 * <p>Tyrus (Payara's WebSocket implementation) re-arms a session's idle timer on every message
 * sent or received, on the executor it found at {@code java:comp/DefaultManagedScheduledExecutorService}.
 * Payara's managed executor captures the caller's context for each task with a {@code ServiceLoader}
 * scan of the class path, which measured 30–40 % of a node's CPU under load. There is no container
 * setting for this executor, so the session's private {@code service} field is replaced with the
 * given timer. A server seam: it applies to Tyrus's sessions only. Undertow (WildFly) keeps its
 * idle timeout on the connection's own I/O thread, so its sessions are left as they are (logged
 * once, at FINE). A Tyrus session without the field (another Tyrus) is left as it is too, with one
 * warning. Stateless; safe from any thread.
 */
final class ContainerIdleTimer {

    private static final Logger LOG = Logger.getLogger(ContainerIdleTimer.class.getName());
    private static final String FIELD = "service";
    /** The scheduler field of each session class, looked up once per class. */
    private static final ClassValue<Optional<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Optional<Field> computeValue(Class<?> type) {
            return Optional.ofNullable(schedulerField(type));
        }
    };
    private static volatile boolean warned;
    private static volatile boolean notTyrusNoted;

    private ContainerIdleTimer() {
    }

    /** Makes the container's session object re-arm its idle timer on {@code timer}; true when it did. */
    static boolean redirect(Object socket, ScheduledExecutorService timer) {
        Field field = FIELDS.get(socket.getClass()).orElse(null);
        if (field == null && !isTyrus(socket.getClass())) {
            if (!notTyrusNoted) {
                notTyrusNoted = true;
                LOG.fine(() -> socket.getClass().getName() + " is not a Tyrus session: its idle timer is left as it is");
            }
            return false;
        }
        if (field == null) {
            warnOnce(socket.getClass().getName() + " has no ScheduledExecutorService field '" + FIELD + "'");
            return false;
        }
        try {
            field.set(socket, timer);
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            warnOnce(e.toString());
            return false;
        }
    }

    /** Whether a session class is Tyrus's (it or a superclass is in {@code org.glassfish.tyrus}). */
    static boolean isTyrus(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (isTyrusClass(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a class name is in Tyrus's packages. */
    static boolean isTyrusClass(String name) {
        return name.startsWith("org.glassfish.tyrus.");
    }

    private static Field schedulerField(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(FIELD);
                if (f.getType() == ScheduledExecutorService.class) {
                    f.setAccessible(true);
                    return f;
                }
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static void warnOnce(String why) {
        if (!warned) {
            warned = true;
            LOG.log(Level.WARNING, "The WebSocket container keeps its idle timer on its own executor ({0}); "
                    + "each message then costs a managed task", why);
        }
    }
}
