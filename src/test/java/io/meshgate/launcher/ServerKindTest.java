package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKindTest {

    @TempDir
    Path dir;

    @Test
    void oneServerNamedRunsEveryNode() {
        assertEquals(List.of(ServerKind.WILDFLY, ServerKind.WILDFLY, ServerKind.WILDFLY),
                ServerKind.perNode("wildfly", 3));
    }

    @Test
    void oneServerPerNodeRunsEachNodeOnItsOwn() {
        assertEquals(List.of(ServerKind.PAYARA, ServerKind.WILDFLY, ServerKind.PAYARA),
                ServerKind.perNode("payara, WildFly,payara", 3));
    }

    @Test
    void aListThatNamesNeitherOneNorEveryNodeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerKind.perNode("payara,wildfly", 3));

        assertEquals("2 servers named for 3 nodes: name one for all nodes, or one per node", e.getMessage());
    }

    @Test
    void anUnknownServerIsRefusedWithTheNamesThatExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerKind.perNode("payara,tomee", 2));

        assertEquals("no server 'tomee': payara or wildfly", e.getMessage());
    }

    @Test
    void aWildFlyNodeHasBootedOnceItSaysStartedWithOrWithoutErrors() throws Exception {
        Path log = dir.resolve("node.log");
        Files.writeString(log, "WFLYSRV0049: WildFly 37.0.1.Final starting\n");
        assertFalse(ServerKind.WILDFLY.booted(log, 0));

        Files.writeString(log, "WFLYSRV0026: WildFly 37.0.1.Final started (with errors) in 9000ms\n");

        assertTrue(ServerKind.WILDFLY.booted(log, 0));
        assertTrue(ServerKind.WILDFLY.bootFailed(log, 0));
    }

    @Test
    void aPayaraNodeWhoseDeploymentFailedAtBootSaysSoThoughItSaysReady() throws Exception {
        Path log = dir.resolve("node.log");
        Files.writeString(log, "Boot Command deploy failed\nPayara Micro URLs...\nPayara Micro 6 (42) ready in 9,000 (ms)\n");

        assertTrue(ServerKind.PAYARA.booted(log, 0));
        assertTrue(ServerKind.PAYARA.bootFailed(log, 0));
    }

    @Test
    void onlyTheLogWrittenSinceARestartCounts() throws Exception {
        Path log = dir.resolve("node.log");
        Files.writeString(log, "WFLYSRV0026: started (with errors)\n");
        long restart = Files.size(log);
        Files.writeString(log, "WFLYSRV0025: WildFly 37.0.1.Final started in 9000ms\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertTrue(ServerKind.WILDFLY.booted(log, restart));
        assertFalse(ServerKind.WILDFLY.bootFailed(log, restart));
    }
}
