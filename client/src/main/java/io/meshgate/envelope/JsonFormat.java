package io.meshgate.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents JSON event format: what a tap or a client sees of an envelope. Data whose
 * content type is JSON is embedded as {@code data}; any other data as {@code data_base64}.
 * Timestamps are RFC 3339 strings. Thread-safe.
 */
public final class JsonFormat {

    /** The media type of this format. */
    public static final String MEDIA_TYPE = "application/cloudevents+json";

    /** Deepest JSON nesting accepted in an event. */
    public static final int MAX_NESTING = 64;

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .build();

    /** The JSON form of an envelope. */
    public byte[] serialize(Envelope e) {
        ObjectNode o = mapper.createObjectNode();
        o.put("specversion", Envelope.SPEC_VERSION).put("id", e.id()).put("source", e.source()).put("type", e.type());
        if (e.subject() != null) {
            o.put("subject", e.subject());
        }
        if (e.time() != null) {
            o.put("time", e.time().toString());
        }
        if (e.dataContentType() != null) {
            o.put("datacontenttype", e.dataContentType());
        }
        e.extensions().forEach((name, value) -> {
            if (value instanceof Integer i) {
                o.put(name, i);
            } else if (value instanceof Boolean b) {
                o.put(name, b);
            } else {
                o.put(name, value.toString());
            }
        });
        if (e.dataLength() > 0) {
            if (isJson(e.dataContentType())) {
                o.set("data", readJson(e.data(), "data"));
            } else {
                o.put("data_base64", Base64.getEncoder().encodeToString(e.data()));
            }
        }
        try {
            return mapper.writeValueAsBytes(o);
        } catch (java.io.IOException ex) {
            throw new EnvelopeException("cannot write envelope: " + ex.getMessage());
        }
    }

    /**
     * The envelope in a JSON event. String extensions that hold an RFC 3339 timestamp are read
     * back as String: the JSON format does not carry the attribute's type, so callers that expect
     * a Timestamp extension parse it themselves.
     */
    public Envelope deserialize(byte[] json) {
        JsonNode root = readJson(json, "event");
        if (!root.isObject()) {
            throw new EnvelopeException("event must be a JSON object");
        }
        String version = text(root, "specversion");
        if (!Envelope.SPEC_VERSION.equals(version)) {
            throw new EnvelopeException("unsupported specversion '" + version + "'");
        }
        Map<String, Object> ext = new LinkedHashMap<>();
        byte[] data = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "specversion", "id", "source", "type", "subject", "time", "datacontenttype" -> { }
                case "data" -> data = v.isTextual() && !isJson(text(root, "datacontenttype"))
                        ? v.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8) : writeJson(v);
                case "data_base64" -> data = base64(v);
                default -> ext.put(f.getKey(), extensionValue(f.getKey(), v));
            }
        }
        return new Envelope(text(root, "id"), text(root, "source"), text(root, "type"), text(root, "subject"),
                time(text(root, "time")), text(root, "datacontenttype"), ext, data);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String base = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return base.equals("application/json") || base.endsWith("+json") || base.equals("text/json");
    }

    private JsonNode readJson(byte[] bytes, String what) {
        try {
            return mapper.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new EnvelopeException(what + " is not valid JSON");
        }
    }

    private byte[] writeJson(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new EnvelopeException("cannot write data");
        }
    }

    private static Object extensionValue(String name, JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isInt()) {
            return v.intValue();
        }
        throw new EnvelopeException("extension '" + name + "' must be a string, an integer or a boolean");
    }

    private static byte[] base64(JsonNode v) {
        if (!v.isTextual()) {
            throw new EnvelopeException("data_base64 must be a string");
        }
        try {
            return Base64.getDecoder().decode(v.textValue());
        } catch (IllegalArgumentException e) {
            throw new EnvelopeException("data_base64 is not valid base64");
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new EnvelopeException("attribute '" + field + "' must be a string");
        }
        return n.textValue();
    }

    private static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new EnvelopeException("attribute 'time' is not an RFC 3339 timestamp");
        }
    }
}
