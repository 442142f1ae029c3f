package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.messaging.JmsEnvelopes;
import io.meshgate.service.ServiceDispatcher;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch messages on a real broker and real nodes: the test stands in for an ingress node that
 * sent several requests in one message, and for a node whose reply queue holds a batch of
 * replies (PROTOCOL.md §7).
 */
class BatchEnvelopeIT {

    private static LocalCluster cluster;
    private static ActiveMQConnectionFactory factory;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedCluster.get();
        factory = new ActiveMQConnectionFactory(cluster.state().broker().url());
    }

    @AfterAll
    static void close() {
        if (factory != null) {
            factory.close();
        }
    }

    private static MeshRequest echo(String id, String replyTo, String params, Instant deadline) {
        return echo(id, replyTo, params, deadline, "it-session");
    }

    private static MeshRequest echo(String id, String replyTo, String params, Instant deadline, String session) {
        return new MeshRequest(id, "echo", "echo", params.getBytes(StandardCharsets.UTF_8), session, "it-node",
                replyTo, deadline, 80, 0, id, Instant.now(), "client-" + id);
    }

    @Test
    void everyRequestOfABatchIsAnsweredOnceWithItsOwnOutcome() throws Exception {
        String replyTo = "meshgate.it.batch." + UUID.randomUUID();
        Instant later = Instant.now().plusSeconds(30);
        List<MeshRequest> batch = List.of(
                echo("b-1", replyTo, "{\"i\":1}", later),
                echo("b-2", replyTo, "{\"i\":2}", Instant.now().minusSeconds(1)),
                echo("b-3", replyTo, "{\"i\":3}", later));
        Map<String, MeshReply> replies = new HashMap<>();
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue(replyTo);
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                context.createProducer().send(context.createTopic(ServiceDispatcher.topicOf("echo")),
                        JmsEnvelopes.toMessage(context, batch.stream().map(MeshRequest::toEnvelope).toList()));
                while (replies.size() < batch.size()) {
                    Message m = consumer.receive(ControlTopic.BOUND.toMillis());
                    assertNotNull(m, "replies so far: " + replies.keySet());
                    for (Envelope e : JmsEnvelopes.readAll(m)) {
                        MeshReply r = MeshReply.from(e);
                        assertNull(replies.put(r.correlationId(), r), "a second reply to " + r.correlationId());
                    }
                }
                assertNull(consumer.receive(500), "a reply beyond one per request");
            }
        }

        assertEquals("{\"i\":1}", new String(replies.get("b-1").body(), StandardCharsets.UTF_8));
        assertTrue(replies.get("b-1").processedBy().startsWith("node-"), replies.get("b-1")::toString);
        assertEquals("TIMEOUT", replies.get("b-2").errorCode());
        assertNull(replies.get("b-2").processedBy(), "the expired request ran");
        assertEquals("{\"i\":3}", new String(replies.get("b-3").body(), StandardCharsets.UTF_8));
    }

    @Test
    void aSessionsSelectorFindsABatchHoldingOneOfItsRepliesAndNoOtherSessionsBatch() throws Exception {
        String queueName = "meshgate.it.parked." + UUID.randomUUID();
        Instant deadline = Instant.now().plusSeconds(30);
        MeshReply reply = MeshReply.result("r-1", "node-x", "{}".getBytes(StandardCharsets.UTF_8), Instant.now());
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue(queueName);
            context.createProducer().send(queue, JmsEnvelopes.toMessage(context, List.of(
                    reply.answering(echo("r-1", queueName, "{}", deadline, "a_b")).toEnvelope(),
                    reply.answering(echo("r-2", queueName, "{}", deadline, "c%d")).toEnvelope())));

            try (JMSConsumer wildcardLookalike = context.createConsumer(queue, JmsEnvelopes.sessionSelector("aXb"))) {
                assertNull(wildcardLookalike.receiveNoWait(), "'_' in a session id matched another character");
            }
            try (JMSConsumer other = context.createConsumer(queue, JmsEnvelopes.sessionSelector("c"))) {
                assertNull(other.receiveNoWait(), "a session id matched as a prefix of another");
            }
            try (JMSConsumer own = context.createConsumer(queue, JmsEnvelopes.sessionSelector("c%d"))) {
                Message m = own.receive(ControlTopic.BOUND.toMillis());
                assertNotNull(m, "the batch holding the session's reply");
                assertEquals(List.of("a_b", "c%d"),
                        JmsEnvelopes.readAll(m).stream().map(e -> MeshReply.from(e).sessionId()).toList());
            }
        }
    }
}
