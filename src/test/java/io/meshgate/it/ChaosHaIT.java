package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.launcher.ChaosResult;
import io.meshgate.launcher.ChaosRun;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.launcher.Scenario;
import io.meshgate.launcher.ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broker failover on a cluster with an HA pair ({@code bin/meshgate up --ha --nodes 2 --server
 * payara,wildfly}: a shared-store primary and backup, a secure Payara node and a secure WildFly node
 * behind nginx, each failing over in its own server's way), in a run dir of its own.
 */
class ChaosHaIT {

    private static LocalCluster cluster;
    private static Path runDir;

    @BeforeAll
    static void start() throws Exception {
        Path target = Files.createDirectories(SharedCluster.home().resolve("target"));
        runDir = Files.createTempDirectory(target, "it-chaos-ha-");
        cluster = LocalCluster.start(LocalCluster.Options.defaults(SharedCluster.home(), runDir).withNodes(2)
                .withServers(List.of(ServerKind.PAYARA, ServerKind.WILDFLY)).withHa(true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.reloadState();
            cluster.close();
        }
    }

    @Test
    void killingThePrimaryBrokerFailsOverToTheBackupWithinTenSecondsAndLosesNothing() throws Exception {
        long primary = cluster.state().broker().pid();
        ChaosResult r;
        try {
            r = new ChaosRun(cluster.state(), runDir, System.err).run(
                    new ChaosRun.Settings(Scenario.KILL_BROKER, 40, 15, 4, 4, 0));
            System.err.println(r.toJson());
        } finally {
            cluster.reloadState();
        }
        String json = r.toJson().toString();
        assertEquals(600, r.sent(), json);
        assertEquals(0, r.lost(), json);
        assertEquals(0, r.wrongAnswers(), json);
        assertTrue(r.recoveryMs() >= 0 && r.recoveryMs() <= 10_000, json);
        assertNull(r.faultError(), json);
        ClusterState s = cluster.state();
        assertNotEquals(primary, s.broker().pid(), "the backup serves now");
        assertTrue(ClusterState.alive(s.backup().pid()), "the dead primary was started again as the standby");
    }
}
