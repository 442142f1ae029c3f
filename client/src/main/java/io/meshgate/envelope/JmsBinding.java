package io.meshgate.envelope;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents binary content mode on JMS: every context attribute is a message property named
 * {@code cloudEvents_<attribute>}, the data is the body. Timestamps ({@code time} and Timestamp
 * extensions) travel as {@code long} epoch milliseconds so that selectors can compare them; all
 * other attributes keep their CloudEvents type (String, int, boolean).
 *
 * <p>This class only maps to and from a property map: the code that touches {@code jakarta.jms}
 * copies the map onto a message, which keeps this package free of container APIs.
 */
public final class JmsBinding {

    /** Prefix of every CloudEvents property. */
    public static final String PREFIX = "cloudEvents_";

    private static final String SPECVERSION = PREFIX + "specversion";

    private JmsBinding() {
    }

    /** The JMS properties for an envelope, in a stable order. */
    public static Map<String, Object> toProperties(Envelope e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(SPECVERSION, Envelope.SPEC_VERSION);
        p.put(PREFIX + "id", e.id());
        p.put(PREFIX + "source", e.source());
        p.put(PREFIX + "type", e.type());
        putIfPresent(p, "subject", e.subject());
        if (e.time() != null) {
            p.put(PREFIX + "time", e.time().toEpochMilli());
        }
        putIfPresent(p, "datacontenttype", e.dataContentType());
        e.extensions().forEach((name, value) ->
                p.put(PREFIX + name, value instanceof Instant t ? (Object) t.toEpochMilli() : value));
        return p;
    }

    /**
     * The envelope in a message's properties and body. Properties without the prefix (the
     * broker's and JMS's own) are ignored.
     *
     * @throws EnvelopeException when the spec version is missing or not 1.0, a required attribute
     *     is missing, or a property has a type CloudEvents does not allow
     */
    public static Envelope fromProperties(Map<String, Object> properties, byte[] body) {
        Object version = properties.get(SPECVERSION);
        if (!Envelope.SPEC_VERSION.equals(version)) {
            throw new EnvelopeException("unsupported specversion '" + version + "'");
        }
        Map<String, Object> ext = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                return;
            }
            String name = key.substring(PREFIX.length());
            switch (name) {
                case "specversion", "id", "source", "type", "subject", "time", "datacontenttype" -> { }
                default -> ext.put(name, value instanceof Long l ? Instant.ofEpochMilli(l) : value);
            }
        });
        return new Envelope(string(properties, "id"), string(properties, "source"), string(properties, "type"),
                string(properties, "subject"), time(properties.get(PREFIX + "time")),
                string(properties, "datacontenttype"), ext, body);
    }

    private static void putIfPresent(Map<String, Object> p, String name, String value) {
        if (value != null) {
            p.put(PREFIX + name, value);
        }
    }

    private static String string(Map<String, Object> p, String name) {
        Object v = p.get(PREFIX + name);
        if (v != null && !(v instanceof String)) {
            throw new EnvelopeException("attribute '" + name + "' must be a string");
        }
        return (String) v;
    }

    private static Instant time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            return Instant.ofEpochMilli(l);
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new EnvelopeException("attribute 'time' is not a timestamp");
        }
    }
}
