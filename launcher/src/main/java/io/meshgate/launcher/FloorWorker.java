package io.meshgate.launcher;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The worker of the broker floor, in its own JVM: takes each request from the floor queue and
 * sends its body back to the request's reply-to destination, straight over Artemis JMS (no
 * WebSocket, no gateway). One JMS session, so one listener thread. Runs until its standard input
 * closes, so it ends with the generator that started it.
 *
 * <p>Usage: {@code FloorWorker BROKER_URL}
 */
public final class FloorWorker {

    /** The queue floor requests go to. */
    static final String QUEUE = "meshgate.floor.requests";
    /** The request number, copied into the reply. */
    static final String SEQ = "seq";

    private static final Logger LOG = Logger.getLogger(FloorWorker.class.getName());

    private FloorWorker() {
    }

    /** Serves floor requests until standard input closes. */
    public static void main(String[] args) throws JMSException, IOException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(args[0]);
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer replies = session.createProducer(null);
            replies.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            session.createConsumer(session.createQueue(QUEUE)).setMessageListener(m -> answer(session, replies, m));
            connection.start();
            while (System.in.read() >= 0) {
                continue;
            }
        }
    }

    private static void answer(Session session, MessageProducer replies, Message request) {
        try {
            BytesMessage in = (BytesMessage) request;
            byte[] body = new byte[(int) in.getBodyLength()];
            in.readBytes(body);
            BytesMessage out = session.createBytesMessage();
            out.writeBytes(body);
            out.setLongProperty(SEQ, in.getLongProperty(SEQ));
            replies.send(request.getJMSReplyTo(), out);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "floor request not answered", e);
        }
    }
}
