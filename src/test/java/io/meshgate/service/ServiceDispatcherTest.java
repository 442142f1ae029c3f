package io.meshgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.MeshgateException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceDispatcherTest {

    /** What the dispatcher did, in order: "publish TOPIC ID" or "reply ID CODE". */
    private final List<String> log = new ArrayList<>();
    private final ServiceDispatcher dispatcher = new ServiceDispatcher();

    ServiceDispatcherTest() {
        dispatcher.nodeId = "node-b";
        dispatcher.metrics = new Metrics();
        dispatcher.registry = new ServiceRegistry() {
            @Override
            public Delivery delivery(String service) {
                return service.equals("work-once") ? Delivery.AT_MOST_ONCE : Delivery.AT_LEAST_ONCE;
            }
        };
        dispatcher.sender = new JmsSender() {
            @Override
            public void publishToTopic(String topic, Envelope envelope, long ttlMs) {
                log.add("publish " + topic + " " + envelope.id());
            }
        };
        dispatcher.replies = new ReplySender() {
            @Override
            public void send(MeshRequest request, MeshReply reply) {
                log.add("reply " + request.correlationId() + " " + (reply.ok() ? "ok" : reply.errorCode()));
            }
        };
    }

    private static Envelope request(String id, String service) {
        return new MeshRequest(id, service, "sleep", "{}".getBytes(StandardCharsets.UTF_8), "s", "node-a",
                "meshgate.node.node-a.reply", Instant.now().plusSeconds(10), 80, 0, id, Instant.now(), id)
                .toEnvelope();
    }

    @Test
    void aMemberOfABatchGoesBackToItsServicesTopic() {
        dispatcher.passBack(request("a", "work-once"), false);

        assertEquals(List.of("publish meshgate.service.work-once a"), log);
    }

    @Test
    void anAtMostOnceMemberOfARedeliveredBatchIsAnsweredInterruptedInsteadOfGoingBack() {
        dispatcher.passBack(request("a", "work-once"), true);

        assertEquals(List.of("reply a " + MeshgateException.Kind.INTERRUPTED.code()), log);
    }

    @Test
    void anAtLeastOnceMemberOfARedeliveredBatchGoesBackToRunAgain() {
        dispatcher.passBack(request("a", "work"), true);

        assertEquals(List.of("publish meshgate.service.work a"), log);
    }
}
