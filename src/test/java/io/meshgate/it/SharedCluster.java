package io.meshgate.it;

import io.meshgate.launcher.Build;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.launcher.ServerKind;
import java.nio.file.Path;
import java.util.List;

/**
 * One plain cluster (broker, three nodes, nginx where installed; no TLS, plain frames: these tests
 * are about routing) for all cluster tests of a test run, a mixed one: node-2 runs on WildFly,
 * node-1 and node-3 on Payara Micro, so that every test of it also shows requests crossing from one
 * server to the other. It is
 * started on first use under {@code target/it-cluster} and stopped when the test JVM exits, also
 * when tests fail.
 */
final class SharedCluster {

    /** node-1, node-2, node-3. */
    static final List<ServerKind> SERVERS = List.of(ServerKind.PAYARA, ServerKind.WILDFLY, ServerKind.PAYARA);

    private static LocalCluster cluster;

    private SharedCluster() {
    }

    static synchronized LocalCluster get() throws Exception {
        if (cluster == null) {
            cluster = LocalCluster.start(LocalCluster.Options.defaults(home(), runDir())
                    .withSecure(false).withServers(SERVERS));
            LocalCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-cluster"));
        }
        return cluster;
    }

    /** The shared cluster's run dir: logs, and each node's folder with its execution journal. */
    static Path runDir() {
        return home().resolve("target/it-cluster");
    }

    /** The project folder. */
    static Path home() {
        return Build.projectHome();
    }
}
