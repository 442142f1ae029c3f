package io.meshgate.messaging;

import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.JmsBinding;
import io.meshgate.wire.MeshgateException;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies envelopes onto JMS messages and back, in the CloudEvents binary mode of
 * {@link JmsBinding}: attributes as properties, data as the body of a {@link BytesMessage}.
 */
public final class JmsEnvelopes {

    private JmsEnvelopes() {
    }

    /** A bytes message carrying the envelope. */
    public static BytesMessage toMessage(JMSContext context, Envelope envelope) throws JMSException {
        BytesMessage m = context.createBytesMessage();
        for (Map.Entry<String, Object> p : JmsBinding.toProperties(envelope).entrySet()) {
            m.setObjectProperty(p.getKey(), p.getValue());
        }
        m.writeBytes(envelope.data());
        return m;
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
