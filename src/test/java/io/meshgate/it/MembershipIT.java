package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nodes joining and leaving a running cluster. Each test starts a node of its own. */
class MembershipIT {

    private static LocalCluster cluster;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedCluster.get();
    }

    @Test
    void nodeStartedLaterJoinsAndTakesWork() throws Exception {
        ClusterState.Node late = cluster.startNode("node-late");
        try {
            assertTrue(members(cluster.node("node-1")).contains("node-late"), "node-1 does not see node-late");
            boolean tookWork = false;
            try (MeshgateClient c = Calls.connect(cluster.nodeSocket("node-1"))) {
                for (int i = 0; i < 200 && !tookWork; i++) {
                    Response r = Calls.call(c, "echo", "echo", "{}", Duration.ofSeconds(10));
                    assertTrue(r.ok(), () -> "call failed: " + r);
                    tookWork = late.id().equals(r.processedBy());
                }
            }
            assertTrue(tookWork, "node-late took none of 200 requests");
        } finally {
            cluster.stopNode(late.id());
        }
    }

    @Test
    void stoppedNodeAnnouncesItsDepartureToTheOthers() throws Exception {
        ClusterState.Node leaving = cluster.startNode("node-leaving");
        ClusterState.Node observer = cluster.node("node-2");
        assertTrue(members(observer).contains("node-leaving"));
        String announced = "meshgate_node_departures_total{reason=\"announced\"}";
        long before = Calls.metric(List.of(observer.url()), announced);
        cluster.stopNode(leaving.id());
        awaitGone(observer, leaving.id());
        assertEquals(before + 1, Calls.metric(List.of(observer.url()), announced), "the departure was not announced");
        assertEquals(3, members(observer).size());
    }

    @Test
    void killedNodeExpiresFromTheOthersView() throws Exception {
        ClusterState.Node doomed = cluster.startNode("node-silent");
        ClusterState.Node observer = cluster.node("node-3");
        String expired = "meshgate_node_departures_total{reason=\"expired\"}";
        long before = Calls.metric(List.of(observer.url()), expired);
        cluster.killNode(doomed.id());
        awaitGone(observer, doomed.id());
        assertEquals(before + 1, Calls.metric(List.of(observer.url()), expired));
    }

    /** Waits until the observer's view no longer lists the node, reading it again at each heartbeat. */
    private static void awaitGone(ClusterState.Node observer, String nodeId) throws Exception {
        try (ControlTopic control = ControlTopic.of(cluster.state())) {
            control.awaitUntil(() -> !members(observer).contains(nodeId), observer.id() + " lists " + nodeId);
        }
    }

    private static List<String> members(ClusterState.Node observer) throws Exception {
        JsonNode view = Calls.getJson(observer.url(), "/api/cluster");
        List<String> ids = new ArrayList<>();
        view.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
