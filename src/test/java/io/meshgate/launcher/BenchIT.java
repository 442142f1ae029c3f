package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/meshgate bench} against a real secure one-node cluster (broker, node, nginx with TLS
 * 1.3 and client certificates): a short open-loop run with the broker floor, and a small capacity
 * run through raw TLS sessions.
 */
class BenchIT {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            throw new IllegalStateException("nginx is not installed (apt-get install nginx-light); .ci/run installs it");
        }
        Path home = Build.projectHome();
        cluster = LocalCluster.start(LocalCluster.Options.defaults(home, home.resolve("target/it-bench-cluster"))
                .withNodes(1));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Path plots() {
        return Path.of(cluster.state().logs()).resolveSibling("bench");
    }

    @Test
    void aShortRunAnswersEveryRequestAndMeasuresTheFloorInTheSameRun() throws Exception {
        ClusterState s = cluster.state();
        BenchRun run = new BenchRun(s, URI.create(s.accessPoint()), plots(), QUIET);

        JsonNode r = run.run(new BenchRun.Settings(50, 2, 1, 5, 1024, "echo", false, true));

        assertEquals(0, r.get("errors").size(), r.toString());
        assertEquals(50, r.get("floor").get("rate").asInt(), r.toString());
        assertEquals(0, r.get("floor").get("errors").size(), r.toString());
        assertTrue(r.get("achieved").asDouble() > 45, r.toString());
        assertTrue(r.get("p50Us").asLong() > 0 && r.get("floor").get("p50Us").asLong() > 0, r.toString());
        assertTrue(r.get("serverCpuUsPerRequest").asLong() > 0, r.toString());
        assertTrue(r.get("p50VsFloor").asDouble() > 0, r.toString());
        assertTrue(Files.size(Path.of(r.get("plot").asText())) > 1000, r.toString());
    }

    @Test
    void capacityOpensEverySecureSessionAndTheNodeCountsThem() throws Exception {
        ClusterState s = cluster.state();
        CapacityRun run = new CapacityRun(s.nodes(), s.nginx().pid(), URI.create(s.accessPoint()), s.clientOptions(),
                QUIET);

        JsonNode r = run.run(new CapacityRun.Settings(40, 1, 2));

        assertEquals(40, r.get("opened").asInt(), r.toString());
        assertEquals(0, r.get("failed").size(), r.toString());
        assertTrue(r.get("nodeSessions").asLong() >= 40, r.toString());
        assertTrue(r.get("connectRate").asLong() > 0, r.toString());
        assertTrue(r.get("heapAfterBytes").asLong() > 0, r.toString());
    }
}
