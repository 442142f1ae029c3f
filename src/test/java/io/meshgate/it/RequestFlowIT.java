package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.launcher.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request/response flow on a real cluster: a broker, three Payara Micro nodes, nginx. */
class RequestFlowIT {

    private static final String INFLIGHT = "meshgate_inflight_requests";
    /**
     * How long each blocker holds its work consumer: long beside the time the test takes to see
     * every consumer busy (the in-flight gauges are read again at each heartbeat) on a loaded machine.
     */
    private static final int BLOCKER_MS = 10_000;
    private static LocalCluster cluster;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedCluster.get();
    }

    @Test
    void requestEnteringOneNodeIsProcessedByAnotherAndAnsweredThroughTheIngress() throws Exception {
        Set<String> processors = processorsOfEchoesEntering("node-1", 30);

        assertTrue(processors.stream().anyMatch(p -> !p.equals("node-1")),
                "30 requests entering node-1 were all processed by node-1: " + processors);
    }

    @Test
    void requestsEnteringAPayaraNodeAreAlsoProcessedOnTheWildFlyNode() throws Exception {
        assertEquals(ServerKind.WILDFLY, cluster.node("node-2").server());

        Set<String> processors = processorsOfEchoesEntering("node-1", 60);

        assertTrue(processors.contains("node-2"), "60 requests entering node-1 (Payara) never ran on node-2 "
                + "(WildFly): " + processors);
    }

    @Test
    void requestsEnteringTheWildFlyNodeAreAlsoProcessedOnPayaraNodes() throws Exception {
        Set<String> processors = processorsOfEchoesEntering("node-2", 60);

        assertTrue(processors.contains("node-1") || processors.contains("node-3"), "60 requests entering node-2 "
                + "(WildFly) never ran on a Payara node: " + processors);
    }

    /** Sends echoes one after another straight to a node and returns the nodes that processed them. */
    private static Set<String> processorsOfEchoesEntering(String ingress, int count) throws Exception {
        Set<String> processors = new HashSet<>();
        try (MeshgateClient c = Calls.connect(cluster.nodeSocket(ingress))) {
            for (int i = 0; i < count; i++) {
                Response r = Calls.call(c, "echo", "echo", "{\"i\":" + i + "}", Duration.ofSeconds(10));
                assertTrue(r.ok(), () -> "call failed: " + r);
                assertEquals(ingress, r.ingressNode());
                assertEquals(i, r.result().get("i").asInt());
                processors.add(r.processedBy());
            }
        }
        return processors;
    }

    @Test
    void everyOneOfThousandConcurrentRequestsGetsExactlyOneOutcome() throws Exception {
        List<MeshgateClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                clients.add(Calls.connect(cluster.accessPoint()));
            }
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                calls.add(clients.get(i % clients.size())
                        .call("echo", "echo", Calls.json("{\"n\":" + i + "}"), Duration.ofSeconds(30))
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            Map<String, Integer> outcomes = new HashMap<>();
            for (int i = 0; i < 1000; i++) {
                Response r = calls.get(i).join();
                outcomes.merge(r.ok() ? "ok" : r.errorCode(), 1, Integer::sum);
                if (r.ok()) {
                    assertEquals(i, r.result().get("n").asInt(), "answer matched to the wrong request");
                }
            }
            assertEquals(Map.of("ok", 1000), outcomes);
            for (MeshgateClient c : clients) {
                // a fence: its answer comes through the same ingress node and socket after every
                // answer already on its way, so a second answer to one of the 1,000 would be here by then
                assertTrue(Calls.call(c, "echo", "echo", "{}", Duration.ofSeconds(30)).ok(), "the fence call failed");
            }
            for (MeshgateClient c : clients) {
                assertEquals(0, c.unmatchedAnswers(), "a request was answered more than once");
                assertEquals(0, c.pendingCalls());
            }
        } finally {
            clients.forEach(MeshgateClient::close);
        }
    }

    @Test
    void unknownServiceIsAnsweredNoSuchServiceAtOnce() throws Exception {
        try (MeshgateClient c = Calls.connect(cluster.accessPoint())) {
            // a call that waited for a node would end TIMEOUT within these 5 s
            Response r = Calls.call(c, "no-such-service", "x", "{}", Duration.ofSeconds(5));
            assertFalse(r.ok());
            assertEquals("NO_SUCH_SERVICE", r.errorCode());
            assertEquals("no live node hosts service 'no-such-service'", r.errorMessage());
            assertNull(r.processedBy());
        }
    }

    @Test
    void handlerExceptionIsAnsweredHandlerErrorWithItsMessage() throws Exception {
        try (MeshgateClient c = Calls.connect(cluster.accessPoint())) {
            Response r = Calls.call(c, "work", "fail", "{\"fail\":\"ledger is locked\"}", Duration.ofSeconds(10));
            assertFalse(r.ok());
            assertEquals("HANDLER_ERROR", r.errorCode());
            assertEquals("ledger is locked", r.errorMessage());
            assertTrue(r.processedBy().startsWith("node-"), "processedBy: " + r.processedBy());
        }
    }

    @Test
    void badParamsAreAnsweredBadRequestByTheHandler() throws Exception {
        try (MeshgateClient c = Calls.connect(cluster.accessPoint())) {
            Response r = Calls.call(c, "work", "x", "{\"cpuMs\":-1}", Duration.ofSeconds(10));
            assertEquals("BAD_REQUEST", r.errorCode());
            assertEquals("cpuMs must be an integer between 0 and 10000", r.errorMessage());
        }
    }

    @Test
    void requestWhoseDeadlinePassesInTheQueueTimesOutAndNeverRuns() throws Exception {
        List<String> nodes = cluster.state().nodes().stream().map(ClusterState.Node::url).toList();
        String handled = "meshgate_requests_handled_total{service=\"work\"}";
        long before = Calls.metric(nodes, handled);
        int consumers = 16 * nodes.size();
        int blockers = consumers + 6;
        try (MeshgateClient c = Calls.connect(cluster.accessPoint())) {
            List<CompletableFuture<Response>> busy = new ArrayList<>();
            for (int i = 0; i < blockers; i++) {
                busy.add(c.call("work", "sleep", Calls.json("{\"delayMs\":" + BLOCKER_MS + "}"), Duration.ofSeconds(40))
                        .toCompletableFuture());
            }
            Calls.awaitMetric(cluster.state(), INFLIGHT, n -> n >= consumers, "every work consumer busy");
            Response late = Calls.call(c, "work", "quick", "{}", Duration.ofMillis(600));
            // the premise: no blocker had ended (and freed its consumer) when the late request's answer came
            assertTrue(busy.stream().noneMatch(CompletableFuture::isDone),
                    "a blocker ended before the late request's answer: the test saw every consumer busy too late");
            assertEquals("TIMEOUT", late.errorCode(), () -> "expected TIMEOUT, got " + late);
            assertNull(late.processedBy());
            // the ingress node's own TIMEOUT at the deadline, not the client's (deadline plus 2 s)
            assertNotNull(late.ingressNode(), late::toString);
            for (CompletableFuture<Response> f : busy) {
                assertTrue(f.join().ok(), () -> "blocker failed: " + f.join());
            }
        }
        Calls.awaitMetric(cluster.state(), INFLIGHT, n -> n == 0, "no handler running");
        assertEquals(blockers, Calls.metric(nodes, handled) - before, "the expired request ran");
    }
}
