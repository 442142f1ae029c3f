package io.meshgate.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.cluster.ClusterView;
import io.meshgate.cluster.NodeIdentity;
import io.meshgate.cluster.NodeStatus;
import io.meshgate.routing.RequestRouter;
import io.meshgate.service.ServiceRegistry;
import io.meshgate.wire.Json;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import jakarta.inject.Inject;
import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real WAR in a real Payara Micro with the Artemis adapter and a broker: CDI wiring, the
 * service registry, and each kind of message-driven bean receiving (control topic, reply queue,
 * service topic). Runs inside the container.
 */
@ExtendWith(BrokerExtension.class)
@ExtendWith(ArquillianExtension.class)
class NodeInContainerIT {

    @Inject
    ServiceRegistry registry;
    @Inject
    NodeIdentity identity;
    @Inject
    ClusterView cluster;
    @Inject
    RequestRouter router;

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/meshgate.war"))
                .addClasses(NodeInContainerIT.class, ControlMessagesHeard.class, BrokerExtension.class, BrokerExtension.Broker.class,
                        io.meshgate.it.BrokerProcess.class);
    }

    @Test
    void registryFindsTheAnnotatedServices() {
        assertEquals(List.of("echo", "notify", "time", "work", "work-once"), registry.services());
    }

    @Test
    void nodeIdComesFromConfiguration() {
        assertEquals("arquillian-node", identity.id());
        assertEquals("meshgate.node.arquillian-node.reply", identity.replyDestination());
    }

    @Test
    void controlListenerReceivesTheNodesOwnHeartbeat() throws Exception {
        ControlMessagesHeard.awaitUntil(cluster::hearsItself, "the node hears its own heartbeat");
        NodeStatus self = cluster.members().stream().filter(n -> n.nodeId().equals("arquillian-node")).findFirst()
                .orElseThrow();
        assertEquals(List.of("echo", "notify", "time", "work", "work-once"), self.services());
    }

    @Test
    void replyListenerReceivesTheReplyPathProbe() throws Exception {
        ControlMessagesHeard.awaitUntil(router::replyPathWorks, "the reply-path probe came back");
    }

    @Test
    void serviceListenerTakesARequestAndItsReplyComesBack() throws Exception {
        ControlMessagesHeard.awaitUntil(() -> cluster.isHosted("echo") && cluster.known(), "the node knows the cluster and hosts echo");
        CompletableFuture<WireMessage> answer = new CompletableFuture<>();
        router.submit("test-session", new WireMessage.Request("c1", "echo", "echo",
                Json.mapper().readTree("{\"x\":42}"), 5_000, null), java.time.Instant.now(), answer::complete);
        WireMessage m = answer.get(10, TimeUnit.SECONDS);
        assertTrue(m instanceof WireMessage.Response, () -> "not a response: " + m);
        MessageCodec codec = new MessageCodec();
        WireMessage.Response r = (WireMessage.Response) codec.decode(codec.encode(m)); // as the client reads it
        assertEquals("c1", r.id());
        assertEquals(42, r.result().get("x").asInt());
        assertEquals("arquillian-node", r.processedBy());
        assertEquals("arquillian-node", r.ingressNode());
    }
}
