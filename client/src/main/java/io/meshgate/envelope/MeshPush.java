package io.meshgate.envelope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A push on its way from the node whose service made it to every node, on the multicast push
 * address: the typed view of a push envelope. {@link #toEnvelope()} and {@link #from(Envelope)}
 * are exact inverses.
 *
 * @param id         unique id of the push (128 random bits, base64url); the envelope's {@code id}
 * @param sourceNode the node that sent it
 * @param to         whom it goes to
 * @param target     the session id ({@link To#SESSION}), the client identity ({@link To#IDENTITY}),
 *                   or the topic again ({@link To#TOPIC})
 * @param topic      the push topic the client sees; the envelope's {@code subject}
 * @param data       the push data, UTF-8 JSON
 * @param time       when it was sent
 */
public record MeshPush(String id, String sourceNode, To to, String target, String topic, byte[] data, Instant time) {

    /** CloudEvents type of a push. */
    public static final String TYPE = "io.meshgate.push";

    /** Whom a push goes to; its attribute value is the lower-case name. */
    public enum To {
        /** One session, by id. */
        SESSION,
        /** Every session of one client identity. */
        IDENTITY,
        /** Every session subscribed to the topic. */
        TOPIC;

        /** The value of the {@code meshgatepushto} attribute. */
        public String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }

        static To of(String attribute) {
            for (To t : values()) {
                if (t.attribute().equals(attribute)) {
                    return t;
                }
            }
            throw new EnvelopeException("attribute '" + Attributes.PUSH_TO + "' must be session, identity or topic, not '"
                    + attribute + "'");
        }
    }

    public MeshPush {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceNode, "sourceNode");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(time, "time");
        if (to == To.TOPIC && !target.equals(topic)) {
            throw new EnvelopeException("a push to a topic targets that topic");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The CloudEvents envelope for this push. */
    public Envelope toEnvelope() {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put(Attributes.PUSH_TO, to.attribute());
        if (to == To.SESSION) {
            ext.put(Attributes.SESSION, target);
        } else if (to == To.IDENTITY) {
            ext.put(Attributes.IDENTITY, target);
        }
        return new Envelope(id, "/meshgate/node/" + sourceNode, TYPE, topic, time, "application/json", ext, data);
    }

    /**
     * The push in an envelope.
     *
     * @throws EnvelopeException when the envelope is not a push or lacks an attribute it needs
     */
    public static MeshPush from(Envelope e) {
        if (!TYPE.equals(e.type())) {
            throw new EnvelopeException("not a push: type is '" + e.type() + "'");
        }
        To to = To.of(MeshRequest.required(e.stringExtension(Attributes.PUSH_TO), Attributes.PUSH_TO));
        String topic = MeshRequest.required(e.subject(), "subject");
        String target = switch (to) {
            case SESSION -> MeshRequest.required(e.stringExtension(Attributes.SESSION), Attributes.SESSION);
            case IDENTITY -> MeshRequest.required(e.stringExtension(Attributes.IDENTITY), Attributes.IDENTITY);
            case TOPIC -> topic;
        };
        String source = e.source();
        String node = source.startsWith("/meshgate/node/") ? source.substring("/meshgate/node/".length()) : source;
        return new MeshPush(e.id(), node, to, target, topic, e.data(), MeshRequest.required(e.time(), "time"));
    }
}
