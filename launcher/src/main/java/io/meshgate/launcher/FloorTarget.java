package io.meshgate.launcher;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker floor: the same request/reply shape as the gateway's (a JSON body of the same size,
 * non-persistent, a worker in another JVM, the answer on a reply queue) straight over Artemis JMS,
 * so that the gateway's overhead can be given as a ratio. Starts its {@link FloorWorker} process
 * and stops it on close. Requests go out from the generator's pacing thread on one JMS session;
 * answers arrive on another session's listener thread.
 */
final class FloorTarget implements LoadTarget {

    private final Process worker;
    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session sending;
    private final MessageProducer producer;
    private final Queue replyTo;
    private final byte[] body;
    private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    FloorTarget(String brokerUrl, int payloadBytes, Path log) throws IOException, JMSException {
        body = GatewayTarget.payload(payloadBytes).toString().getBytes(StandardCharsets.UTF_8);
        worker = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), FloorWorker.class.getName(), brokerUrl))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        factory = new ActiveMQConnectionFactory(brokerUrl);
        try {
            connection = factory.createConnection();
            sending = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = sending.createProducer(sending.createQueue(FloorWorker.QUEUE));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            Session receiving = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            replyTo = receiving.createTemporaryQueue();
            receiving.createConsumer(replyTo).setMessageListener(this::answered);
            connection.start();
        } catch (JMSException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The floor worker's process id, for its CPU time. */
    long workerPid() {
        return worker.pid();
    }

    @Override
    public String name() {
        return "broker floor";
    }

    @Override
    public CompletionStage<String> call(long i) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(i, answer);
        try {
            BytesMessage m = sending.createBytesMessage();
            m.writeBytes(body);
            m.setLongProperty(FloorWorker.SEQ, i);
            m.setJMSReplyTo(replyTo);
            producer.send(m);
        } catch (JMSException | RuntimeException e) {
            pending.remove(i);
            answer.complete("EXCEPTION");
        }
        return answer;
    }

    private void answered(Message m) {
        try {
            CompletableFuture<String> f = pending.remove(m.getLongProperty(FloorWorker.SEQ));
            if (f != null) {
                f.complete(((BytesMessage) m).getBodyLength() == body.length ? null : "BAD_ANSWER");
            }
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable floor answer", e);
        }
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException e) {
            // the worker is stopped below either way
        } finally {
            factory.close();
            worker.destroy();
        }
    }
}
