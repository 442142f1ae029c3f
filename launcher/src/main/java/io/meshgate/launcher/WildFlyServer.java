package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * WildFly as a meshgate node outside a local cluster, for the container tests that Arquillian runs
 * in it: where the build's WildFly is, and a server base folder configured as {@code bin/meshgate}
 * configures a plain node's ({@code server-config/wildfly/configure-node.cli}).
 */
public final class WildFlyServer {

    private WildFlyServer() {
    }

    /** WildFly's home in the build of the project folder {@code projectHome}. */
    public static Path home(Path projectHome) {
        return new Build(projectHome).wildfly();
    }

    /**
     * Makes {@code dir} the server base folder of one plain node (no TLS listener) whose broker
     * listens on 127.0.0.1:{@code brokerPort}; the script and the CLI's output go beside it.
     */
    public static void configure(Path projectHome, Path dir, int brokerPort) throws IOException, InterruptedException {
        Path beside = dir.toAbsolutePath().getParent();
        NodeSettings settings = new NodeSettings(new Build(projectHome), "512m", brokerPort, 0,
                ClusterKeys.create(beside, false, List.of()));
        WildFlyNode node = new WildFlyNode(settings, beside);
        WildFlyNode.configure(home(projectHome), dir, node.configureScript(), beside.resolve("configure-node.cli"),
                beside.resolve("wildfly-configure.log"));
    }
}
