package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.launcher.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load filter on a real cluster: a node at its capacity declines requests (the broker hands
 * them to another node) or, past the allowed hops, answers OVERLOADED. Each test adds a node with a
 * capacity of one request.
 */
class LoadFilterIT {

    /** More work requests than the three full-size nodes have consumers (3 x 16), so that the small node gets some. */
    private static final int BURST = 80;
    private static LocalCluster cluster;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedCluster.get();
    }

    @Test
    void busyNodeDeclinesAndEveryDeclinedRequestIsStillAnsweredOnce() throws Exception {
        ClusterState.Node small = cluster.startNode("node-small", ServerKind.WILDFLY, Map.of("meshgate.node.capacity", "1"));
        try {
            String declined = "meshgate_requests_declined_total{service=\"work\"}";
            List<Response> answers = burst(BURST);
            assertTrue(Calls.metric(List.of(small.url()), declined) > 0, "node-small declined nothing");
            assertEquals(BURST, answers.size());
            for (Response r : answers) {
                assertTrue(r.ok() || "OVERLOADED".equals(r.errorCode()), () -> "unexpected outcome: " + r);
            }
            assertTrue(answers.stream().filter(r -> small.id().equals(r.processedBy())).count() <= BURST / 2,
                    "the node with capacity 1 ran most requests");
        } finally {
            cluster.stopNode(small.id());
        }
    }

    @Test
    void nodeAtItsLimitWithNoHopsLeftAnswersOverloaded() throws Exception {
        ClusterState.Node strict = cluster.startNode("node-strict",
                Map.of("meshgate.node.capacity", "1", "meshgate.load.maxHops", "0"));
        try {
            List<Response> answers = burst(BURST);
            List<Response> overloaded = answers.stream().filter(r -> "OVERLOADED".equals(r.errorCode())).toList();
            assertTrue(!overloaded.isEmpty(), "no request was answered OVERLOADED");
            for (Response r : overloaded) {
                assertEquals("no node could take the request within its limits (declined 0 times)", r.errorMessage());
                assertNull(r.processedBy());
            }
            answers.stream().filter(r -> !overloaded.contains(r))
                    .forEach(r -> assertTrue(r.ok(), () -> "failed: " + r));
            answers.stream().filter(Response::ok).forEach(r -> assertNotEquals(null, r.processedBy()));
        } finally {
            cluster.stopNode(strict.id());
        }
    }

    /** Sends n slow work requests at once through node-1 and waits for every answer. */
    private static List<Response> burst(int n) throws Exception {
        try (MeshgateClient c = Calls.connect(cluster.nodeSocket("node-1"))) {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(c.call("work", "sleep", Calls.json("{\"delayMs\":500}"), Duration.ofSeconds(30))
                        .toCompletableFuture());
            }
            return calls.stream().map(CompletableFuture::join).toList();
        }
    }
}
