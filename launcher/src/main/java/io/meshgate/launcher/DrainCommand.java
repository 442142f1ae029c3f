package io.meshgate.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bin/meshgate drain NODE}: drains a node and waits until its process has exited. */
@Command(name = "drain", description = {"Drain a node (its sessions move, its requests finish) and wait until its "
        + "process has exited, at most 120 s. Exit status 1 when the node refuses or does not exit in time."})
final class DrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NODE", description = "the node's id, e.g. node-2")
    private String nodeId;

    private final CliContext context;

    DrainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ClusterState s = context.runningState();
        if (s == null) {
            context.err().println("no cluster is running");
            return Cli.NO_CLUSTER;
        }
        ClusterState.Node node;
        try {
            node = s.node(nodeId);
        } catch (IllegalArgumentException e) {
            context.err().println(e.getMessage() + " in this cluster");
            return Cli.USAGE_ERROR;
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.url()
                + "/api/drain")).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            context.err().println("node " + node.id() + " refused the drain: HTTP " + r.statusCode() + " " + r.body());
            return 1;
        }
        boolean exited = ProcessHandle.of(node.pid()).map(h -> {
            try {
                h.onExit().get(120, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }).orElse(true);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        context.out().println(context.json().writeValueAsString(
                context.json().createObjectNode().put("node", node.id()).put("drained", exited).put("ms", ms)));
        return exited ? 0 : 1;
    }
}
