package io.meshgate.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/meshgate restart --rolling}: drains and restarts each node in turn ({@link RollingRestart}). */
@Command(name = "restart", description = {"Drain and restart each node in turn, the next only once the previous one "
        + "is ready again."})
final class RestartCommand implements Callable<Integer> {

    @Option(names = "--rolling", required = true, description = "one node at a time (the only way there is)")
    private boolean rolling;

    private final CliContext context;

    RestartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (context.runningState() == null) {
            context.err().println("no cluster is running");
            return Cli.NO_CLUSTER;
        }
        long t0 = System.nanoTime();
        ArrayNode restarted = context.json().createArrayNode();
        RollingRestart.restartAll(new ClusterProcesses(context.runDir()), id -> {
            restarted.add(id);
            context.err().printf("%s drained, started again and ready after %.1f s%n", id,
                    (System.nanoTime() - t0) / 1e9);
        });
        ObjectNode line = context.json().createObjectNode().put("ms", (System.nanoTime() - t0) / 1_000_000);
        line.set("restarted", restarted);
        context.out().println(context.json().writeValueAsString(line));
        return 0;
    }
}
