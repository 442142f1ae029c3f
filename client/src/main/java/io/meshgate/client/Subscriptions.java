package io.meshgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.wire.WireMessage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client session's push topics: those the node last confirmed, and the {@code subscribe} and
 * {@code unsubscribe} messages still waiting for their answer. The confirmed topics go with a
 * {@code resume}, so the node that resumes the session subscribes it again (PROTOCOL.md §3b); the
 * waiting messages are sent again on the new connection.
 *
 * <p>Thread-safe.
 */
final class Subscriptions {

    /**
     * A subscribe or unsubscribe in flight, with its outcome: a {@link Response} whose result is
     * {@code {"topics":[...]}}, the session's topics after it, or an error.
     */
    record Change(WireMessage message, CompletableFuture<Response> result) {
        String id() {
            return message instanceof WireMessage.Subscribe s ? s.id() : ((WireMessage.Unsubscribe) message).id();
        }
    }

    private final Map<String, Change> waiting = new ConcurrentHashMap<>();
    private volatile Set<String> confirmed = Set.of();

    /** Records a change about to be sent; its result completes with the answer (or {@link #failAll}). */
    Change start(WireMessage message) {
        Change c = new Change(message, new CompletableFuture<>());
        waiting.put(c.id(), c);
        c.result.whenComplete((v, e) -> waiting.remove(c.id()));
        return c;
    }

    /**
     * Takes the answer when it is one to a change in flight: a {@code res} (its {@code topics}
     * become the confirmed ones) or an {@code error}, which fails the change with that error.
     *
     * @return whether the answer was for a change
     */
    boolean answer(WireMessage m) {
        String id = m instanceof WireMessage.Response r ? r.id() : m instanceof WireMessage.ErrorMessage e ? e.id() : null;
        Change c = id == null ? null : waiting.get(id);
        if (c == null) {
            return false;
        }
        if (m instanceof WireMessage.ErrorMessage e) {
            c.result.complete(new Response(id, false, null, e.code(), e.message(), e.ingressNode(), e.processedBy()));
            return true;
        }
        WireMessage.Response r = (WireMessage.Response) m;
        Set<String> topics = new TreeSet<>();
        JsonNode array = r.result().get("topics");
        if (array != null && array.isArray()) {
            array.forEach(t -> topics.add(t.asText()));
        }
        confirmed = Collections.unmodifiableSet(topics);
        c.result.complete(new Response(id, true, r.result(), null, null, r.ingressNode(), r.processedBy()));
        return true;
    }

    /** The topics the node last confirmed, sorted. */
    Set<String> confirmed() {
        return confirmed;
    }

    /** The changes still waiting for an answer, to send again on a new connection. */
    List<Change> waiting() {
        return List.copyOf(waiting.values());
    }

    /** Ends every waiting change with this error code and message (the session ended). */
    void failAll(String code, String message) {
        waiting.values().forEach(c -> c.result.complete(new Response(c.id(), false, null, code, message, null, null)));
    }
}
