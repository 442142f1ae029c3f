package io.meshgate.messaging;

import io.meshgate.envelope.Attributes;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.EnvelopeBatch;
import io.meshgate.envelope.JmsBinding;
import io.meshgate.wire.MeshgateException;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies envelopes onto JMS messages and back, in the CloudEvents binary mode of
 * {@link JmsBinding}: attributes as properties, data as the body of a {@link BytesMessage}. Several
 * envelopes travel as one {@link EnvelopeBatch} body, marked by the property {@value #BATCH}
 * (their count) and carrying in {@value #SESSIONS} the sessions they belong to, so that a
 * selector on a session still finds a batch that holds one of its envelopes.
 */
public final class JmsEnvelopes {

    private JmsEnvelopes() {
    }

    /** Property of a batch message: the number of envelopes in its body. */
    public static final String BATCH = "meshgate_batch";
    /** Property of a batch message: the session ids of its envelopes, each between two {@code |}. */
    public static final String SESSIONS = "meshgate_sessions";

    /** A bytes message carrying the envelope. */
    public static BytesMessage toMessage(JMSContext context, Envelope envelope) throws JMSException {
        BytesMessage m = context.createBytesMessage();
        for (Map.Entry<String, Object> p : JmsBinding.toProperties(envelope).entrySet()) {
            m.setObjectProperty(p.getKey(), p.getValue());
        }
        m.writeBytes(envelope.data());
        return m;
    }

    /** A bytes message carrying the envelopes: the plain message for one, a batch for several. */
    public static BytesMessage toMessage(JMSContext context, List<Envelope> envelopes) throws JMSException {
        if (envelopes.size() == 1) {
            return toMessage(context, envelopes.get(0));
        }
        BytesMessage m = context.createBytesMessage();
        m.setIntProperty(BATCH, envelopes.size());
        Set<String> sessions = new LinkedHashSet<>();
        for (Envelope e : envelopes) {
            String session = e.stringExtension(Attributes.SESSION);
            if (session != null) {
                sessions.add(session);
            }
        }
        if (!sessions.isEmpty()) {
            m.setStringProperty(SESSIONS, "|" + String.join("|", sessions) + "|");
        }
        m.writeBytes(EnvelopeBatch.encode(envelopes));
        return m;
    }

    /**
     * A selector matching the messages that carry an envelope of {@code sessionId}: a plain one
     * with that session attribute, or a batch that holds one.
     */
    public static String sessionSelector(String sessionId) {
        String quoted = sessionId.replace("'", "''");
        String pattern = quoted.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return JmsBinding.PREFIX + Attributes.SESSION + " = '" + quoted + "' OR " + SESSIONS + " LIKE '%|" + pattern
                + "|%' ESCAPE '!'";
    }

    /**
     * The envelopes a message carries (one, or a batch's), for message listeners: a message that
     * cannot be read is a {@link MeshgateException} of kind INTERNAL, thrown back to the broker
     * for redelivery.
     */
    public static List<Envelope> readAll(Message message) {
        try {
            if (message.propertyExists(BATCH)) {
                return EnvelopeBatch.decode(message.getBody(byte[].class));
            }
            return List.of(fromMessage(message));
        } catch (JMSException e) {
            throw MeshgateException.internal("cannot read message: " + e.getMessage(), e);
        }
    }

    /**
     * The envelope a message carries, for message listeners: a message that JMS cannot read is a
     * {@link MeshgateException} of kind INTERNAL, thrown back to the broker for redelivery.
     */
    public static Envelope read(Message message) {
        try {
            return fromMessage(message);
        } catch (JMSException e) {
            throw MeshgateException.internal("cannot read message: " + e.getMessage(), e);
        }
    }

    /** Whether the broker delivered this message before (to a consumer that did not acknowledge it). */
    public static boolean redelivered(Message message) {
        try {
            return message.getJMSRedelivered();
        } catch (JMSException e) {
            throw MeshgateException.internal("cannot read the redelivered flag: " + e.getMessage(), e);
        }
    }

    /** The envelope a message carries. */
    public static Envelope fromMessage(Message message) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (name.startsWith(JmsBinding.PREFIX)) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        byte[] body = message.isBodyAssignableTo(byte[].class) ? message.getBody(byte[].class) : null;
        return JmsBinding.fromProperties(properties, body);
    }
}
