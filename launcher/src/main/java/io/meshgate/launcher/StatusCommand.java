package io.meshgate.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/meshgate status}: what runs, and whether each node is ready. */
@Command(name = "status", description = {"What runs, and whether each node is ready: processes, logs, the console and "
        + "demo URLs, the PKI files. Exit status 3 when no cluster is running."})
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "one line of JSON instead of indented JSON")
    private boolean asJson;

    private final CliContext context;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ClusterState s = context.runningState();
        if (s == null) {
            context.out().println(asJson ? "{\"running\":false}" : CliContext.NO_CLUSTER);
            return Cli.NO_CLUSTER;
        }
        ObjectNode root = context.json().createObjectNode();
        root.put("running", true).put("accessPoint", s.accessPoint()).put("console", s.consoleUrl())
                .put("demo", s.demoUrl());
        root.putObject("broker").put("url", s.broker().url()).put("pid", s.broker().pid())
                .put("alive", ClusterState.alive(s.broker().pid()));
        ArrayNode nodes = root.putArray("nodes");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (ClusterState.Node n : s.nodes()) {
            nodes.addObject().put("id", n.id()).put("url", n.url()).put("tlsUrl", n.tlsUrl()).put("pid", n.pid())
                    .put("ready", ClusterState.alive(n.pid()) && ClusterProcesses.ready(http, n));
        }
        if (s.nginx() != null) {
            root.putObject("nginx").put("url", s.nginx().url()).put("pid", s.nginx().pid())
                    .put("alive", ClusterState.alive(s.nginx().pid()));
        }
        root.put("logs", s.logs());
        if (s.pki() != null) {
            root.putObject("pki").put("caCert", s.pki().caCert()).put("clientCert", s.pki().clientCert())
                    .put("clientKey", s.pki().clientKey()).put("clientP12", s.pki().clientP12())
                    .put("denyList", s.pki().denyList());
        }
        context.print(root, asJson);
        return 0;
    }
}
