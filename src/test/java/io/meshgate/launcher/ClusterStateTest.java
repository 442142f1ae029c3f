package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStateTest {

    /** A state file as an older bin/meshgate wrote it: no command lines, logs, servers or health URLs. */
    private static final String OLDER_STATE = """
            {"accessPoint":"ws://127.0.0.1:1/ws","broker":{"url":"tcp://127.0.0.1:2","pid":10},
             "nodes":[{"id":"node-1","url":"http://127.0.0.1:3","port":3,"pid":11,"tlsUrl":null}],
             "nginx":null,"logs":"/tmp/logs","pki":null}
            """;

    @TempDir
    Path dir;

    @Test
    void aStateFileWithoutCommandLinesStillReads() throws Exception {
        Path file = dir.resolve("cluster.json");
        Files.writeString(file, OLDER_STATE);

        ClusterState s = ClusterState.read(file);

        assertEquals(List.of(), s.broker().command());
        assertEquals(List.of(), s.node("node-1").command());
        assertNull(s.node("node-1").log());
    }

    @Test
    void aNodeRecordedWithoutItsServerIsAPayaraNodeWithHealthOnItsOwnPort() throws Exception {
        Path file = dir.resolve("cluster.json");
        Files.writeString(file, OLDER_STATE);

        ClusterState.Node node = ClusterState.read(file).node("node-1");

        assertEquals(ServerKind.PAYARA, node.server());
        assertEquals("http://127.0.0.1:3/health/ready", node.healthUrl());
    }

    @Test
    void aWildFlyNodesServerAndHealthUrlSurviveWritingAndReading() throws Exception {
        ClusterState.Node node = new ClusterState.Node("node-2", "http://127.0.0.1:3", 3, 11, null, List.of("java"),
                "/tmp/logs/node-2.log", ServerKind.WILDFLY, "http://127.0.0.1:9/health/ready");
        ClusterState s = new ClusterState("ws://127.0.0.1:1/ws", new ClusterState.Proc("tcp://127.0.0.1:2", 10),
                List.of(node), null, "/tmp/logs", null);
        Path file = dir.resolve("cluster.json");

        s.write(file);

        assertEquals(node, ClusterState.read(file).node("node-2"));
        assertTrue(Files.readString(file).contains("\"server\" : \"wildfly\""), Files.readString(file));
    }

    @Test
    void fieldsFromANewerVersionAreIgnored() throws Exception {
        Path file = dir.resolve("cluster.json");
        Files.writeString(file, """
                {"accessPoint":"ws://127.0.0.1:1/ws","broker":{"url":"tcp://127.0.0.1:2","pid":10,"role":"live"},
                 "nodes":[],"nginx":null,"logs":"/tmp/logs","pki":null,"region":"eu"}
                """);

        assertEquals(10, ClusterState.read(file).broker().pid());
    }

    @Test
    void commandLinesAndLogsSurviveWritingAndReading() throws Exception {
        ClusterState.Node node = new ClusterState.Node("node-1", "http://127.0.0.1:3", 3, 11, null,
                List.of("java", "-jar", "payara-micro.jar"), "/tmp/logs/node-1.log");
        ClusterState s = new ClusterState("ws://127.0.0.1:1/ws", new ClusterState.Proc("tcp://127.0.0.1:2", 10,
                List.of("java", "BrokerMain"), "/tmp/logs/broker.log"), List.of(node), null, "/tmp/logs", null);
        Path file = dir.resolve("cluster.json");

        s.write(file);

        assertEquals(s, ClusterState.read(file));
    }

    @Test
    void aNodeStartedAgainReplacesItsRecordAndKeepsItsPlace() {
        ClusterState.Node one = new ClusterState.Node("node-1", "http://127.0.0.1:3", 3, 11, null);
        ClusterState.Node two = new ClusterState.Node("node-2", "http://127.0.0.1:4", 4, 12, null);
        ClusterState s = new ClusterState("ws://x/ws", new ClusterState.Proc("tcp://127.0.0.1:2", 10),
                List.of(one, two), null, "/tmp/logs", null);

        ClusterState after = s.with(one.withPid(99));

        assertEquals(List.of(one.withPid(99), two), after.nodes());
    }

    @Test
    void theConsoleIsOnTheAccessPointOfASecureCluster() {
        ClusterState s = new ClusterState("wss://127.0.0.1:8443/ws", new ClusterState.Proc("tcp://127.0.0.1:2", 10),
                List.of(), null, "/tmp/logs", new ClusterState.Pki("ca", "c", "k", "p12", "deny"));

        assertEquals("https://127.0.0.1:8443/console/", s.consoleUrl());
    }

    @Test
    void thePortalDemoIsOnTheAccessPointOfASecureCluster() {
        ClusterState s = new ClusterState("wss://127.0.0.1:8443/ws", new ClusterState.Proc("tcp://127.0.0.1:2", 10),
                List.of(), null, "/tmp/logs", new ClusterState.Pki("ca", "c", "k", "p12", "deny"));

        assertEquals("https://127.0.0.1:8443/demo/", s.demoUrl());
    }

    @Test
    void aPlainClusterHasNoConsole() {
        ClusterState s = new ClusterState("ws://127.0.0.1:8080/ws", new ClusterState.Proc("tcp://127.0.0.1:2", 10),
                List.of(), null, "/tmp/logs", null);

        assertNull(s.consoleUrl());
    }
}
