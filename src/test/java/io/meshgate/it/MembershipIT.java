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
    void stoppedNodesDepartureIsSeenByOthersWithinSeconds() throws Exception {
        ClusterState.Node leaving = cluster.startNode("node-leaving");
        assertTrue(members(cluster.node("node-2")).contains("node-leaving"));
        cluster.stopNode(leaving.id());
        long t0 = System.nanoTime();
        while (members(cluster.node("node-2")).contains("node-leaving")) {
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "node-2 still lists node-leaving after 5 s");
            Thread.sleep(100);
        }
        assertEquals(3, members(cluster.node("node-2")).size());
    }

    private static List<String> members(ClusterState.Node observer) throws Exception {
        JsonNode view = Calls.getJson(observer.url(), "/api/cluster");
        List<String> ids = new ArrayList<>();
        view.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
