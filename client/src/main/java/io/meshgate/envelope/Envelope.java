package io.meshgate.envelope;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CloudEvents 1.0 event as meshgate carries it between nodes: the required context attributes,
 * the optional ones meshgate uses ({@code subject}, {@code time}, {@code datacontenttype}),
 * extension attributes, and the data as bytes.
 *
 * <p>Extension values are of the CloudEvents types String, Integer, Boolean or Timestamp
 * ({@link String}, {@link Integer}, {@link Boolean}, {@link Instant}). The data is copied in and
 * out, so an envelope never changes.
 */
public record Envelope(String id, String source, String type, String subject, Instant time,
                       String dataContentType, Map<String, Object> extensions, byte[] data) {

    /** The CloudEvents version meshgate speaks. */
    public static final String SPEC_VERSION = "1.0";

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final java.util.Set<String> RESERVED = java.util.Set.of(
            "id", "source", "specversion", "type", "subject", "time", "datacontenttype", "dataschema", "data",
            "data_base64");

    public Envelope {
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
        Objects.requireNonNull(extensions, "extensions");
        Map<String, Object> copy = new LinkedHashMap<>();
        extensions.forEach((name, value) -> copy.put(checkName(name), checkValue(name, value)));
        extensions = Collections.unmodifiableMap(copy);
        data = data == null ? new byte[0] : data.clone();
    }

    /** The data bytes (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The number of data bytes, without copying them. */
    public int dataLength() {
        return data.length;
    }

    /** An extension attribute's value, or null when absent. */
    public Object extension(String name) {
        return extensions.get(name);
    }

    /** A String extension, or null when absent. */
    public String stringExtension(String name) {
        Object v = extensions.get(name);
        return v == null ? null : v.toString();
    }

    /** An Integer extension, or {@code fallback} when absent. */
    public int intExtension(String name, int fallback) {
        return extensions.get(name) instanceof Integer i ? i : fallback;
    }

    /** A Timestamp extension, or null when absent. */
    public Instant timeExtension(String name) {
        return extensions.get(name) instanceof Instant t ? t : null;
    }

    /** A copy of this envelope with one extension set (or replaced). */
    public Envelope withExtension(String name, Object value) {
        Map<String, Object> ext = new LinkedHashMap<>(extensions);
        ext.put(name, value);
        return new Envelope(id, source, type, subject, time, dataContentType, ext, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && id.equals(e.id) && source.equals(e.source) && type.equals(e.type)
                && Objects.equals(subject, e.subject) && Objects.equals(time, e.time)
                && Objects.equals(dataContentType, e.dataContentType) && extensions.equals(e.extensions)
                && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, source, type, subject, time, dataContentType, extensions, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Envelope[id=" + id + ", source=" + source + ", type=" + type + ", subject=" + subject
                + ", extensions=" + extensions + ", data=" + data.length + " bytes]";
    }

    private static String checkName(String name) {
        if (name == null || !EXTENSION_NAME.matcher(name).matches() || RESERVED.contains(name)) {
            throw new EnvelopeException("invalid extension attribute name '" + name + "'");
        }
        return name;
    }

    private static Object checkValue(String name, Object value) {
        if (value instanceof String || value instanceof Integer || value instanceof Boolean
                || value instanceof Instant) {
            return value;
        }
        throw new EnvelopeException("extension '" + name + "' must be a String, Integer, Boolean or Instant, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static void requireText(String value, String attribute) {
        if (value == null || value.isEmpty()) {
            throw new EnvelopeException("attribute '" + attribute + "' is required");
        }
    }
}
