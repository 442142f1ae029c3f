package io.meshgate.service.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.service.MeshService;
import io.meshgate.service.Pushes;
import io.meshgate.service.ServiceCall;
import io.meshgate.service.ServiceHandler;
import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pushes on request, to show and test server push (docs/PROTOCOL.md §3b, and the sample services
 * in §4a). Types:
 * <ul>
 *   <li>{@code session}, params {@code {topic, data}}: a push to the calling session (or, with
 *   {@code sessionId}, to that session: a sample's convenience, for tests of a push to a session
 *   that has gone);</li>
 *   <li>{@code identity}, params {@code {topic, data}}: a push to every session of the caller's
 *   client identity, on any node (none with plain frames: then nothing is pushed);</li>
 *   <li>{@code topic}, params {@code {topic, data}}: a push to every session subscribed to the
 *   topic.</li>
 * </ul>
 * The result is {@code {"pushed":true|false,"to":...,"topic":...}} ({@code pushed} false when the
 * push was dropped at once; for {@code identity} without one, also {@code "reason"}). A missing or
 * malformed topic is {@code BAD_REQUEST}; {@code data} is optional (null).
 */
@ApplicationScoped
@MeshService("notify")
public class NotifyService implements ServiceHandler {

    @Inject
    Pushes pushes;

    @Override
    public Object handle(ServiceCall call) {
        String topic = topic(call.params());
        JsonNode data = call.params().get("data");
        Map<String, Object> result = new LinkedHashMap<>();
        boolean pushed;
        switch (call.operation()) {
            case "session" -> {
                String target = text(call.params(), "sessionId", call.sessionId());
                pushed = pushes.toSession(target, topic, data);
                result.put("sessionId", target);
            }
            case "identity" -> {
                if (call.clientIdentity() == null) {
                    pushed = false;
                    result.put("reason", "the calling session has no client identity (plain frames)");
                } else {
                    pushed = pushes.toIdentity(call.clientIdentity(), topic, data);
                    result.put("identity", call.clientIdentity());
                }
            }
            case "topic" -> pushed = pushes.publish(topic, data);
            default -> throw MeshgateException.badRequest("notify type must be session, identity or topic, not '"
                    + abbreviate(call.operation()) + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pushed", pushed);
        out.put("to", call.operation());
        out.put("topic", topic);
        out.putAll(result);
        return out;
    }

    private static String topic(JsonNode params) {
        JsonNode t = params.get("topic");
        if (t == null || t.isNull()) {
            throw MeshgateException.badRequest("topic is required");
        }
        if (!t.isTextual()) {
            throw MeshgateException.badRequest("topic must be a string");
        }
        return Topics.check(t.textValue());
    }

    private static String text(JsonNode params, String field, String fallback) {
        JsonNode n = params.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw MeshgateException.badRequest(field + " must be a session id");
        }
        return n.textValue();
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
