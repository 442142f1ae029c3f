package io.meshgate.service;

/**
 * Server push for services: what a handler injects to send a message to clients without a
 * request ({@code @Inject Pushes pushes}). A push reaches the clients as a {@code push} message
 * ({@code {"kind":"push","topic":...,"data":...}}, docs/PROTOCOL.md §3b) wherever in the cluster
 * their sessions are: it travels through the broker to every node, and each node hands it to its
 * matching sessions.
 *
 * <p>Push is best effort and at most once. A call returns at once, without waiting for the
 * broker: the push is queued for sending and the method says whether it was. A push that cannot
 * be delivered (its session has gone, no session matches, the broker is unreachable, the queue is
 * full) is dropped and counted in the nodes' metrics ({@code meshgate_pushes_dropped_total}); it
 * is never an error for the service, so a push never makes a call fail. Pushes that one node
 * sends reach each session in the order they were made.
 *
 * <p>{@code data} is anything that is written as JSON (a Jackson {@code JsonNode}, a record, a map,
 * a string, null). A topic has the syntax of {@link io.meshgate.wire.Topics#TOPIC}; for a push to
 * a session or an identity it is only the label the client sees, no subscription is needed.
 * Arguments that break these rules (no topic, a malformed one, data that cannot be written as JSON
 * or is over {@link #MAX_DATA_BYTES}) are a fault in the service and throw
 * {@link IllegalArgumentException}.
 *
 * <p>Thread-safe: any thread may push, also after the handler returned (an asynchronous handler,
 * a timer).
 */
public interface Pushes {

    /** The largest push data, as UTF-8 JSON, so that a push fits in one frame of the default size. */
    int MAX_DATA_BYTES = 60_000;

    /**
     * Pushes to one session, by its id ({@link ServiceCall#sessionId()}); the session may be on any
     * node and keeps its id when it is resumed on another.
     *
     * @return whether the push was queued for sending; false when it was dropped at once (the
     *     broker is unreachable, or the queue of pushes is full)
     */
    boolean toSession(String sessionId, String topic, Object data);

    /**
     * Pushes to every session of a client identity ({@link ServiceCall#clientIdentity()}: the
     * subject of the client certificate a session proved), on every node. Sessions with plain
     * frames have no identity and never receive these.
     *
     * @return as {@link #toSession}
     */
    boolean toIdentity(String identity, String topic, Object data);

    /**
     * Publishes to a topic: every session subscribed to it, on every node, receives the push.
     *
     * @return as {@link #toSession}
     */
    boolean publish(String topic, Object data);
}
