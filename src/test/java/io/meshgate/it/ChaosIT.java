package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.launcher.ChaosResult;
import io.meshgate.launcher.ChaosRun;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.launcher.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault checker ({@code bin/meshgate chaos}) at a small scale, on a secure cluster of its own
 * (broker, two nodes, nginx where installed) in a fresh run dir, since the faults damage it. Each
 * scenario undoes its fault, so the tests share the cluster; those that must see every request
 * answered run first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    private static LocalCluster cluster;
    private static Path runDir;

    @BeforeAll
    static void start() throws Exception {
        Path target = Files.createDirectories(SharedCluster.home().resolve("target"));
        runDir = Files.createTempDirectory(target, "it-chaos-");
        cluster = LocalCluster.start(LocalCluster.Options.defaults(SharedCluster.home(), runDir).withNodes(2));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.reloadState();
            cluster.close();
        }
    }

    private static ChaosResult run(ChaosRun.Settings settings) throws Exception {
        try {
            ChaosResult r = new ChaosRun(cluster.state(), runDir, System.err).run(settings);
            System.err.println(r.toJson());
            return r;
        } finally {
            cluster.reloadState();
        }
    }

    @Test
    @Order(1)
    void killingANodeThatHoldsNoSessionAnswersEveryRequestAndTheNodeComesBack() throws Exception {
        ChaosResult r = run(new ChaosRun.Settings(Scenario.KILL_PROCESSING, 40, 12, 4, 4, 5));

        assertEveryRequestAnswered(r, 480);
        assertEquals(0, r.resumes(), r.toJson().toString());
        ClusterState.Node victim = cluster.node("node-2");
        assertTrue(ClusterState.alive(victim.pid()) && cluster.ready(victim), "node-2 was not started again");
    }

    @Test
    @Order(2)
    void killingTheNodeThatHoldsSessionsLosesNothingAndTheSessionsResumeOnTheOtherNode() throws Exception {
        Assumptions.nginxInstalled();
        ChaosResult r = run(new ChaosRun.Settings(Scenario.KILL_INGRESS, 40, 12, 4, 4, 5));

        assertNoRequestLostOrDropped(r, 480);
        assertTrue(r.sessionsMoved() > 0 && r.resumes() >= r.sessionsMoved(), r.toJson().toString());
    }

    @Test
    @Order(3)
    void aNodeToldToStopDrainsAndItsSessionsResumeElsewhereLosingNothing() throws Exception {
        assertNoRequestLostOrDropped(run(new ChaosRun.Settings(Scenario.TERM_NODE, 40, 12, 4, 4, 5)), 480);
    }

    @Test
    @Order(4)
    void reloadingNginxAnswersEveryRequest() throws Exception {
        Assumptions.nginxInstalled();
        assertEveryRequestAnswered(run(new ChaosRun.Settings(Scenario.NGINX_RELOAD, 40, 8, 4, 3, 5)), 320);
    }

    @Test
    @Order(5)
    void aRollingRestartLosesNothingAndDropsNoSession() throws Exception {
        assertNoRequestLostOrDropped(run(new ChaosRun.Settings(Scenario.ROLLING_RESTART, 40, 10, 4, 2, 5)), 400);
    }

    /**
     * Nothing lost, nothing answered twice or wrongly, and no call ended {@code DISCONNECTED}: the
     * sessions on the node that went away resumed elsewhere. (On two shared cores a call may still
     * time out while a node restarts; the full-scale runs in docs/OPERATIONS.md show none.)
     */
    private static void assertNoRequestLostOrDropped(ChaosResult r, int sent) {
        String json = r.toJson().toString();
        assertEquals(sent, r.sent(), json);
        assertEquals(0, r.lost(), json);
        assertEquals(0, r.duplicateAnswers(), json);
        assertEquals(0, r.wrongAnswers(), json);
        assertFalse(r.errors().containsKey("DISCONNECTED"), json);
        assertTrue(r.ok() >= sent * 99 / 100, json);
        assertNull(r.faultError(), json);
    }

    private static void assertEveryRequestAnswered(ChaosResult r, int sent) {
        String json = r.toJson().toString();
        assertEquals(sent, r.sent(), json);
        assertEquals(r.sent(), r.ok(), json);
        assertEquals(0, r.lost(), json);
        assertEquals(0, r.duplicateAnswers(), json);
        assertEquals(0, r.wrongAnswers(), json);
        assertNull(r.faultError(), json);
    }

    @Test
    @Order(6)
    void killingTheBrokerAndStartingItAgainLosesNothingAndEverySessionRecovers() throws Exception {
        ChaosResult r = run(new ChaosRun.Settings(Scenario.KILL_BROKER, 40, 20, 4, 4, 2));

        String json = r.toJson().toString();
        assertEquals(800, r.sent(), json);
        assertEquals(0, r.lost(), json);
        assertEquals(0, r.duplicateAnswers(), json);
        assertEquals(0, r.wrongAnswers(), json);
        assertTrue(r.recoveryMs() >= 0, json);
        assertFalse(r.errors().containsKey("NO_SUCH_SERVICE"), json);
        assertNull(r.faultError(), json);
        assertTrue(ClusterState.alive(cluster.state().broker().pid()), "the broker was not started again");
    }
}
