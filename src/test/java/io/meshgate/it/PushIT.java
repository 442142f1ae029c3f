package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.client.ClientOptions;
import io.meshgate.client.ClientSecurity;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.wire.WireMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server push across nodes, on the shared secure cluster (through the nodes' own TLS
 * listeners, so that each client picks its node): a topic push made by a handler on one node
 * reaches a subscriber on the other, an identity push reaches the sessions of one certificate on
 * both nodes, a push to a closed session is dropped and counted while its call succeeds, and a
 * subscribe over the node's limit is refused with its message.
 */
class PushIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long WAIT_S = 30;

    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedSecureCluster.get();
    }

    @Test
    void aSubscriberOnOneNodeReceivesATopicPushMadeByAHandlerOnTheOther() throws Exception {
        Map<Integer, CompletableFuture<WireMessage.Push>> received = new ConcurrentHashMap<>();
        try (MeshgateClient subscriber = connect("node-1"); MeshgateClient caller = connect("node-2")) {
            subscriber.onPush(p -> received.computeIfAbsent(p.data().get("n").asInt(), k -> new CompletableFuture<>())
                    .complete(p));
            Response subscribed = subscriber.subscribe("orders").toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
            assertTrue(subscribed.ok(), () -> "subscribe failed: " + subscribed);
            assertEquals("[\"orders\"]", subscribed.result().get("topics").toString());

            int n = -1;
            for (int i = 0; i < 40 && n < 0; i++) {
                Response r = Calls.call(caller, "notify", "topic", "{\"topic\":\"orders\",\"data\":{\"n\":" + i + "}}",
                        TIMEOUT);
                assertTrue(r.ok(), () -> "call failed: " + r);
                assertTrue(r.result().get("pushed").asBoolean(), r::toString);
                n = "node-2".equals(r.processedBy()) ? i : -1;
            }
            assertTrue(n >= 0, "no call ran on node-2");

            WireMessage.Push push = received.computeIfAbsent(n, k -> new CompletableFuture<>()).get(WAIT_S, TimeUnit.SECONDS);
            assertEquals("orders", push.topic());
            assertEquals("node-1", subscriber.node());
        }
    }

    @Test
    void anIdentityPushReachesTheSessionsOfOneCertificateOnBothNodes() throws Exception {
        String mark = Long.toString(System.nanoTime());
        try (MeshgateClient one = connect("node-1"); MeshgateClient two = connect("node-2")) {
            CompletableFuture<WireMessage.Push> atOne = pushMarked(one, mark);
            CompletableFuture<WireMessage.Push> atTwo = pushMarked(two, mark);

            Response r = Calls.call(one, "notify", "identity", "{\"topic\":\"me\",\"data\":{\"mark\":\"" + mark + "\"}}",
                    TIMEOUT);

            assertTrue(r.ok(), () -> "call failed: " + r);
            assertTrue(r.result().get("identity").asText().contains("CN="), r::toString);
            assertEquals("me", atOne.get(WAIT_S, TimeUnit.SECONDS).topic());
            assertEquals("me", atTwo.get(WAIT_S, TimeUnit.SECONDS).topic());
        }
    }

    @Test
    void aPushToAClosedSessionIsDroppedAndCountedAndItsCallSucceeds() throws Exception {
        String node1 = cluster.node("node-1").url();
        String dropped = "meshgate_pushes_dropped_total{reason=\"session_gone\"}";
        long droppedBefore = Calls.metric(List.of(node1), dropped);
        long sessionsBefore = Calls.metric(List.of(node1), "meshgate_sessions");
        String goneId;
        try (MeshgateClient gone = connect("node-1")) {
            goneId = gone.sessionId();
        }
        await(() -> metric(node1, "meshgate_sessions") == sessionsBefore, "node-1 to see the session close");

        try (MeshgateClient caller = connect("node-2")) {
            Response r = Calls.call(caller, "notify", "session",
                    "{\"topic\":\"news\",\"sessionId\":\"" + goneId + "\",\"data\":{}}", TIMEOUT);

            assertTrue(r.ok(), () -> "call failed: " + r);
            assertTrue(r.result().get("pushed").asBoolean(), r::toString);
        }
        await(() -> metric(node1, dropped) == droppedBefore + 1, "node-1 to count the dropped push");
    }

    @Test
    void aSubscribeBeyondTheNodesLimitIsABadRequestAndTheSessionKeepsItsTopics() throws Exception {
        try (MeshgateClient c = connect("node-2")) {
            String[] many = new String[65];
            for (int i = 0; i < many.length; i++) {
                many[i] = "t" + i;
            }
            assertTrue(c.subscribe("orders").toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS).ok());

            Response r = c.subscribe(many).toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);

            assertEquals("BAD_REQUEST", r.errorCode());
            assertEquals("a session may subscribe to at most 64 topics", r.errorMessage());
            assertEquals(java.util.Set.of("orders"), c.topics());
        }
    }

    private static CompletableFuture<WireMessage.Push> pushMarked(MeshgateClient c, String mark) {
        CompletableFuture<WireMessage.Push> f = new CompletableFuture<>();
        c.onPush(p -> {
            if (mark.equals(p.data().path("mark").asText())) {
                f.complete(p);
            }
        });
        return f;
    }

    private static MeshgateClient connect(String nodeId) {
        MeshgateClient c = MeshgateClient.connect(cluster.nodeSocket(nodeId),
                ClientOptions.builder().secure(defaultClient()).build());
        assertNotNull(c.sessionId());
        return c;
    }

    private static long metric(String url, String key) {
        try {
            return Calls.metric(List.of(url), key);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a condition the cluster will reach, checking it again at each heartbeat. */
    private static void await(BooleanSupplier condition, String what) throws Exception {
        try (ControlTopic control = ControlTopic.of(cluster.state())) {
            control.awaitUntil(condition::getAsBoolean, what);
        }
    }

    private static ClientSecurity defaultClient() {
        try {
            return ClientSecurity.fromPem(cluster.pki().caCert(), cluster.pki().clientCert(), cluster.pki().clientKey());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
