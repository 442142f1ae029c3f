package io.meshgate.metrics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@value #KEPT} protocol errors of this node (a refused frame, handshake or certificate),
 * newest first: what an operator looks at first when clients fail. Messages are the gateway's own
 * (never payload contents), cut to {@value #MESSAGE_CHARS} characters. Thread-safe.
 */
public final class ProtocolErrors {

    /** How many errors are kept. */
    public static final int KEPT = 10;
    /** The longest message kept. */
    public static final int MESSAGE_CHARS = 160;

    private final Deque<Entry> entries = new ArrayDeque<>();

    /**
     * One protocol error.
     *
     * @param at      when it happened
     * @param kind    its code, e.g. {@code BAD_CERTIFICATE}
     * @param session the session it closed or answered, or null
     * @param message what was wrong
     */
    public record Entry(Instant at, String kind, String session, String message) { }

    /** Records one error. */
    public void record(Instant at, String kind, String session, String message) {
        String m = message == null ? "" : message.length() > MESSAGE_CHARS ? message.substring(0, MESSAGE_CHARS - 1) + "…"
                : message;
        synchronized (entries) {
            entries.addFirst(new Entry(at, kind, session, m));
            while (entries.size() > KEPT) {
                entries.removeLast();
            }
        }
    }

    /** The kept errors, newest first. */
    public List<Entry> recent() {
        synchronized (entries) {
            return List.copyOf(new ArrayList<>(entries));
        }
    }
}
