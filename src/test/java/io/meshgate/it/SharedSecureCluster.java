package io.meshgate.it;

import io.meshgate.launcher.LocalCluster;
import java.nio.file.Path;

/**
 * One secure cluster as {@code bin/meshgate up} runs it (broker, three nodes with the sealed
 * channel, nginx terminating TLS 1.3 with client certificates), mixed as {@link SharedCluster} is
 * (node-2 on WildFly), for every test class of a test run
 * that needs one, started on first use under {@code target/it-secure-cluster} and stopped when the
 * test JVM exits, also when tests fail. Tests may issue client certificates and edit the deny
 * list; they must leave the nodes running.
 */
final class SharedSecureCluster {

    private static LocalCluster cluster;

    private SharedSecureCluster() {
    }

    static synchronized LocalCluster get() throws Exception {
        if (cluster == null) {
            Assumptions.nginxInstalled();
            cluster = LocalCluster.start(LocalCluster.Options.defaults(SharedCluster.home(), runDir())
                    .withServers(SharedCluster.SERVERS));
            LocalCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-secure-test-cluster"));
        }
        return cluster;
    }

    /** The shared secure cluster's run dir (what {@code MESHGATE_RUN_DIR} names for bin/meshgate). */
    static Path runDir() {
        return SharedCluster.home().resolve("target/it-secure-cluster");
    }
}
