package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bin/meshgate down}: stops what {@code up} started. */
@Command(name = "down", description = "Stop what 'up' started: the nodes, nginx and the broker.")
final class DownCommand implements Callable<Integer> {

    private final CliContext context;

    DownCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path file = LocalCluster.stateFile(context.runDir());
        if (!Files.exists(file)) {
            context.out().println("no cluster to stop");
            return 0;
        }
        ClusterState s = ClusterState.read(file);
        LocalCluster.stopAll(s);
        Files.delete(file);
        context.out().println("stopped " + s.nodes().size() + " nodes" + (s.nginx() != null ? ", nginx" : "")
                + " and the broker");
        return 0;
    }
}
