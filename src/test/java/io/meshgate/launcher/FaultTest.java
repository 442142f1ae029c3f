package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultTest {

    private static final ClusterState THREE = new ClusterState("wss://127.0.0.1:1/ws",
            new ClusterState.Proc("tcp://127.0.0.1:2", 10), List.of(
                    new ClusterState.Node("node-1", "http://127.0.0.1:11", 11, 21, "https://127.0.0.1:31"),
                    new ClusterState.Node("node-2", "http://127.0.0.1:12", 12, 22, "https://127.0.0.1:32"),
                    new ClusterState.Node("node-3", "http://127.0.0.1:13", 13, 23, "https://127.0.0.1:33")),
            null, "/tmp/logs", null);

    private final ClusterProcesses processes = new ClusterProcesses(Path.of("/nonexistent"));

    @Test
    void theBusiestNodeHoldsTheMostSessions() {
        assertEquals("node-2", Fault.busiest(THREE, List.of("node-1", "node-2", "node-3", "node-2")));
    }

    @Test
    void aTieGoesToTheFirstNodeOfTheCluster() {
        assertEquals("node-2", Fault.busiest(THREE, List.of("node-3", "node-2", "node-2", "node-3")));
    }

    @Test
    void killProcessingSpreadsTheSessionsOverEveryNodeButTheLastOnTheirOwnListeners() {
        Fault f = Scenario.KILL_PROCESSING.fault(processes, Duration.ZERO);

        assertEquals(URI.create("wss://127.0.0.1:31/ws"), f.sessionUri(THREE, 0));
        assertEquals(URI.create("wss://127.0.0.1:32/ws"), f.sessionUri(THREE, 1));
        assertEquals(URI.create("wss://127.0.0.1:31/ws"), f.sessionUri(THREE, 2));
    }

    @Test
    void otherFaultsConnectThroughTheAccessPoint() {
        Fault f = Scenario.KILL_INGRESS.fault(processes, Duration.ZERO);

        assertEquals(URI.create("wss://127.0.0.1:1/ws"), f.sessionUri(THREE, 1));
    }

    @Test
    void killProcessingRefusesAOneNodeCluster() {
        ClusterState one = THREE.withNodes(THREE.nodes().subList(0, 1));
        Fault f = Scenario.KILL_PROCESSING.fault(processes, Duration.ZERO);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.check(one));
        assertTrue(e.getMessage().contains("at least 2 nodes"), e.getMessage());
    }

    @Test
    void nginxReloadRefusesAClusterWithoutNginx() {
        Fault f = Scenario.NGINX_RELOAD.fault(processes, Duration.ZERO);

        assertThrows(IllegalArgumentException.class, () -> f.check(THREE));
    }

    @Test
    void aClusterWithoutRecordedCommandLinesIsRefusedBeforeAnythingIsKilled() {
        Fault f = Scenario.KILL_BROKER.fault(processes, Duration.ZERO);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.check(THREE));
        assertTrue(e.getMessage().contains("down and up again"), e.getMessage());
    }

    @Test
    void aClusterWithRecordedCommandLinesCanBeRestarted() {
        ClusterState recorded = new ClusterState(THREE.accessPoint(), new ClusterState.Proc("tcp://127.0.0.1:2", 10,
                List.of("java", "BrokerMain"), "/tmp/logs/broker.log"), THREE.nodes().stream()
                .map(n -> new ClusterState.Node(n.id(), n.url(), n.port(), n.pid(), n.tlsUrl(), List.of("java"), "x.log"))
                .toList(), new ClusterState.Proc("https://127.0.0.1:1", 30), "/tmp/logs", null);

        Scenario.TERM_NODE.fault(processes, Duration.ZERO).check(recorded);
        Scenario.KILL_INGRESS.fault(processes, Duration.ZERO).check(recorded);
        Scenario.ROLLING_RESTART.fault(processes, Duration.ZERO).check(recorded);
    }

    @Test
    void faultsThatMoveSessionsRefuseAClusterWithoutNginx() {
        for (Scenario moving : List.of(Scenario.KILL_INGRESS, Scenario.TERM_NODE, Scenario.ROLLING_RESTART)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> moving.fault(processes, Duration.ZERO).check(THREE));
            assertEquals("this scenario needs nginx (install it and run bin/meshgate up again): without it every"
                    + " session is on node-1's own listener, and a session whose node goes has nowhere else to resume",
                    e.getMessage(), moving.id());
        }
    }

    @Test
    void scenariosAreFoundByTheirCommandLineNames() {
        assertEquals(Optional.of(Scenario.KILL_BROKER), Scenario.named("kill-broker"));
        assertEquals(Optional.empty(), Scenario.named("KILL_BROKER"));
        assertEquals("kill-processing, kill-ingress, kill-broker, term-node, rolling-restart, nginx-reload",
                Scenario.names());
    }
}
