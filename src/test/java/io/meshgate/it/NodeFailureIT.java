package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node dying (SIGKILL) while requests are in flight. Each test kills a node of its own. */
class NodeFailureIT {

    private static LocalCluster cluster;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedCluster.get();
    }

    @Test
    void requestsHeldByAProcessingNodeThatDiesAreRedeliveredAndStillAnswered() throws Exception {
        ClusterState.Node doomed = cluster.startNode("node-doomed");
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        try (MeshgateClient c = Calls.connect(cluster.nodeSocket("node-1"))) {
            for (int i = 0; i < 40; i++) {
                calls.add(c.call("work", "sleep", Calls.json("{\"delayMs\":2000}"), Duration.ofSeconds(20))
                        .toCompletableFuture());
            }
            Thread.sleep(800);
            cluster.killNode(doomed.id());
            for (CompletableFuture<Response> f : calls) {
                Response r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.ok(), () -> "lost to the dead node: " + r);
                assertNotEquals(doomed.id(), r.processedBy());
            }
            assertEquals(0, c.unmatchedAnswers());
        }
    }

    @Test
    void callsPendingOnAnIngressNodeThatDiesEndDisconnectedAtOnce() throws Exception {
        ClusterState.Node ingress = cluster.startNode("node-ingress");
        try (MeshgateClient c = Calls.connect(cluster.nodeSocket(ingress.id()))) {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(c.call("work", "sleep", Calls.json("{\"delayMs\":5000}"), Duration.ofSeconds(60))
                        .toCompletableFuture());
            }
            Thread.sleep(500);
            long t0 = System.nanoTime();
            cluster.killNode(ingress.id());
            for (CompletableFuture<Response> f : calls) {
                Response r = f.get(20, TimeUnit.SECONDS);
                assertEquals(MeshgateClient.DISCONNECTED, r.errorCode());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 10_000, "calls ended " + ms + " ms after the node died");
        }
    }
}
