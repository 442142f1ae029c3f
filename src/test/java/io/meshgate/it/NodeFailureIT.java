package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.launcher.ServerKind;
import io.meshgate.wire.MeshgateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node dying (SIGKILL) while requests are in flight. Each test kills a node of its own, once the
 * cluster's execution journals show that its calls are running. A processing node is given work
 * by sending more calls than the other nodes have consumers (16 each for {@code work}).
 */
class NodeFailureIT {

    private static LocalCluster cluster;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedCluster.get();
    }

    /** Sends {@code n} calls with their own idempotency keys; the keys in order, each with its call. */
    private static Map<String, CompletableFuture<Response>> send(MeshgateClient c, String service, int n,
                                                                 String params) throws Exception {
        Map<String, CompletableFuture<Response>> calls = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = service + "-" + UUID.randomUUID();
            calls.put(key, c.call(service, "sleep", Calls.json(params), Duration.ofSeconds(20), key)
                    .toCompletableFuture());
        }
        return calls;
    }

    @Test
    void requestsHeldByAProcessingNodeThatDiesAreRedeliveredAndStillAnswered() throws Exception {
        ClusterState.Node doomed = cluster.startNode("node-doomed", ServerKind.WILDFLY, Map.of());
        try (MeshgateClient c = Calls.connect(cluster.nodeSocket("node-1"))) {
            Map<String, CompletableFuture<Response>> calls = send(c, "work", 100, "{\"delayMs\":2000}");
            awaitRunOn(doomed, List.copyOf(calls.keySet()));
            cluster.killNode(doomed.id());
            for (CompletableFuture<Response> f : calls.values()) {
                Response r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.ok(), () -> "lost to the dead node: " + r);
                assertNotEquals(doomed.id(), r.processedBy());
            }
            assertEquals(0, c.unmatchedAnswers());
        }
    }

    @Test
    void atMostOnceRequestsHeldByAProcessingNodeThatDiesEndInterruptedAndNeverRunTwice() throws Exception {
        ClusterState.Node doomed = cluster.startNode("node-doomed-once");
        try (MeshgateClient c = Calls.connect(cluster.nodeSocket("node-1"))) {
            Map<String, CompletableFuture<Response>> calls = send(c, "work-once", 100, "{\"delayMs\":3000}");
            List<String> keys = List.copyOf(calls.keySet());
            awaitRunOn(doomed, keys);
            cluster.killNode(doomed.id());
            List<String> interrupted = new ArrayList<>();
            for (Map.Entry<String, CompletableFuture<Response>> call : calls.entrySet()) {
                Response r = call.getValue().get(30, TimeUnit.SECONDS);
                if (!r.ok()) {
                    assertEquals(MeshgateException.Kind.INTERRUPTED.code(), r.errorCode(), r::toString);
                    interrupted.add(call.getKey());
                }
                assertTrue(Journals.runs(SharedCluster.runDir(), call.getKey()) <= 1, "ran twice: " + call.getKey());
            }
            assertTrue(!interrupted.isEmpty(), "the dead node held none of the calls");
            assertEquals(0, c.unmatchedAnswers());
        }
    }

    @Test
    void callsPendingOnAnIngressNodeThatDiesEndDisconnectedAtOnceForAClientThatDoesNotResume() throws Exception {
        ClusterState.Node ingress = cluster.startNode("node-ingress");
        try (MeshgateClient c = Calls.connectWithoutResume(cluster.nodeSocket(ingress.id()))) {
            Map<String, CompletableFuture<Response>> calls = send(c, "work", 5, "{\"delayMs\":5000}");
            Journals.awaitAnyRun(SharedCluster.runDir(), List.copyOf(calls.keySet()));
            cluster.killNode(ingress.id());
            for (CompletableFuture<Response> f : calls.values()) {
                Response r = f.get(10, TimeUnit.SECONDS);
                assertEquals(MeshgateClient.DISCONNECTED, r.errorCode());
            }
        }
    }

    /** Waits until the node's own journal shows that it runs one of the calls. */
    private static void awaitRunOn(ClusterState.Node node, List<String> keys) throws Exception {
        Journals.awaitAnyRun(SharedCluster.runDir(), node.id(), keys);
    }
}
