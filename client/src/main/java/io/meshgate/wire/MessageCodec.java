package io.meshgate.wire;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads and writes the inner payload: one JSON object per frame (at most {@value #MAX_NESTING}
 * levels deep, counting the payload object as the first, and without duplicate keys) whose
 * {@code kind} is {@code hello}, {@code req}, {@code res}, {@code error}, {@code push},
 * {@code resume}, {@code resumed}, {@code subscribe} or {@code unsubscribe}. Unknown fields are ignored so that newer peers can add some;
 * missing or mistyped required fields are a {@link MeshgateException.Kind#BAD_REQUEST} naming the
 * field, which carries the request id whenever it can be read. Thread-safe.
 */
public final class MessageCodec {

    /** Deepest JSON nesting accepted in a payload. */
    public static final int MAX_NESTING = 64;

    private final ObjectMapper mapper;

    public MessageCodec() {
        this.mapper = Json.mapper();
    }

    /** The payload for a message, as UTF-8 JSON. */
    public byte[] encode(WireMessage message) {
        ObjectNode o = mapper.createObjectNode();
        if (message instanceof WireMessage.Hello h) {
            o.put("kind", "hello").put("sessionId", h.sessionId()).put("node", h.node());
            if (h.resumeToken() != null) {
                o.put("resumeToken", h.resumeToken());
            }
        } else if (message instanceof WireMessage.Request r) {
            request(o.put("kind", "req"), r);
        } else if (message instanceof WireMessage.Resume r) {
            o.put("kind", "resume").put("sessionId", r.sessionId()).put("node", r.node()).put("token", r.token());
            r.requests().forEach(q -> request(o.withArray("requests").addObject(), q));
            r.topics().forEach(t -> o.withArray("topics").add(t));
        } else if (message instanceof WireMessage.Subscribe r) {
            o.put("kind", "subscribe").put("id", r.id());
            r.topics().forEach(t -> o.withArray("topics").add(t));
        } else if (message instanceof WireMessage.Unsubscribe r) {
            o.put("kind", "unsubscribe").put("id", r.id());
            r.topics().forEach(t -> o.withArray("topics").add(t));
        } else if (message instanceof WireMessage.Resumed r) {
            o.put("kind", "resumed").put("sessionId", r.sessionId()).put("node", r.node())
                    .put("resumeToken", r.resumeToken());
        } else if (message instanceof WireMessage.Response r) {
            o.put("kind", "res").put("id", r.id());
            o.set("result", r.result());
            o.put("ingressNode", r.ingressNode()).put("processedBy", r.processedBy());
        } else if (message instanceof WireMessage.ErrorMessage e) {
            o.put("kind", "error").put("id", e.id()).put("code", e.code()).put("message", e.message());
            o.put("ingressNode", e.ingressNode()).put("processedBy", e.processedBy());
            if (e.retryAfterMs() > 0) {
                o.put("retryAfterMs", e.retryAfterMs());
            }
        } else if (message instanceof WireMessage.Push p) {
            o.put("kind", "push").put("topic", p.topic());
            o.set("data", p.data());
        }
        try {
            return mapper.writeValueAsBytes(o);
        } catch (IOException e) {
            throw MeshgateException.internal("cannot write message", e);
        }
    }

    private static void request(ObjectNode o, WireMessage.Request r) {
        o.put("id", r.id()).put("service", r.service()).put("type", r.type());
        o.set("params", r.params());
        if (r.timeoutMs() > 0) {
            o.put("timeoutMs", r.timeoutMs());
        }
        if (r.idempotencyKey() != null) {
            o.put("idempotencyKey", r.idempotencyKey());
        }
    }

    /**
     * The message in a payload.
     *
     * @throws MeshgateException of kind BAD_REQUEST when the payload is not such a message; when
     *     the payload's top-level {@code id} can be read and has a valid form, the exception
     *     carries it, also for a payload refused for duplicate keys or nesting (see {@link
     *     ReadableId})
     */
    public WireMessage decode(byte[] payload) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException e) {
            MeshgateException refused = MeshgateException.badRequest("payload is not valid JSON");
            String readable = ReadableId.of(payload);
            throw readable == null ? refused : refused.forRequest(readable);
        }
        if (root == null || !root.isObject()) {
            throw MeshgateException.badRequest("payload must be a JSON object");
        }
        JsonNode idNode = root.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
        try {
            String kind = text(root, "kind", true);
            text(root, "id", false);
            return switch (kind) {
                case "req" -> request(root, id);
                case "resume" -> new WireMessage.Resume(text(root, "sessionId", true), text(root, "node", true),
                        text(root, "token", true), requests(root.get("requests")), topics(root.get("topics"), true));
                case "subscribe" -> new WireMessage.Subscribe(id, topics(root.get("topics"), false));
                case "unsubscribe" -> new WireMessage.Unsubscribe(id, topics(root.get("topics"), false));
                case "resumed" -> new WireMessage.Resumed(text(root, "sessionId", true), text(root, "node", true),
                        text(root, "resumeToken", true));
                case "res" -> new WireMessage.Response(id, root.get("result"), text(root, "ingressNode", false),
                        text(root, "processedBy", false));
                case "error" -> new WireMessage.ErrorMessage(id, text(root, "code", true), text(root, "message", false),
                        text(root, "ingressNode", false), text(root, "processedBy", false), retryAfter(root));
                case "push" -> new WireMessage.Push(text(root, "topic", true), root.get("data"));
                case "hello" -> new WireMessage.Hello(text(root, "sessionId", true), text(root, "node", true),
                        text(root, "resumeToken", false));
                default -> throw MeshgateException.badRequest("unknown kind '" + abbreviate(kind) + "'");
            };
        } catch (MeshgateException e) {
            throw WireMessage.validId(id) ? e.forRequest(id) : e;
        }
    }

    private static WireMessage.Request request(JsonNode o, String id) {
        return new WireMessage.Request(id, text(o, "service", true), text(o, "type", true), o.get("params"),
                longValue(o, "timeoutMs"), text(o, "idempotencyKey", false));
    }

    private static java.util.List<WireMessage.Request> requests(JsonNode array) {
        if (array == null || array.isNull()) {
            return java.util.List.of();
        }
        if (!array.isArray()) {
            throw MeshgateException.badRequest("requests must be an array");
        }
        if (array.size() > WireMessage.Resume.MAX_REQUESTS) {
            throw MeshgateException.badRequest("a resume carries at most " + WireMessage.Resume.MAX_REQUESTS
                    + " requests");
        }
        java.util.List<WireMessage.Request> out = new java.util.ArrayList<>();
        for (JsonNode r : array) {
            if (!r.isObject()) {
                throw MeshgateException.badRequest("each resumed request must be an object");
            }
            out.add(request(r, text(r, "id", true)));
        }
        return out;
    }

    /** The {@code topics} array of a subscribe, unsubscribe (required) or resume (optional). */
    private static java.util.List<String> topics(JsonNode array, boolean optional) {
        if (array == null || array.isNull()) {
            if (optional) {
                return java.util.List.of();
            }
            throw MeshgateException.badRequest("topics is required");
        }
        if (!array.isArray()) {
            throw MeshgateException.badRequest("topics must be an array of strings");
        }
        if (array.size() > Topics.MAX_PER_MESSAGE) {
            throw Topics.wrongCount(optional);
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode t : array) {
            if (!t.isTextual()) {
                throw MeshgateException.badRequest("topics must be an array of strings");
            }
            out.add(t.textValue());
        }
        return out;
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw MeshgateException.badRequest(field + " is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw MeshgateException.badRequest(field + " must be a string");
        }
        return n.textValue();
    }

    private static long longValue(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw MeshgateException.badRequest(field + " must be an integer");
        }
        long v = n.longValue();
        if (v <= 0) {
            throw MeshgateException.badRequest(field + " must be between 1 and " + WireMessage.MAX_TIMEOUT_MS);
        }
        return v;
    }

    /** A node's advice on when to retry; anything but a whole number in range reads as none. */
    private static long retryAfter(JsonNode root) {
        JsonNode n = root.get("retryAfterMs");
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            return 0;
        }
        long v = n.longValue();
        return v < 0 || v > WireMessage.ErrorMessage.MAX_RETRY_AFTER_MS ? 0 : v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }

    static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build();
    }
}
