package io.meshgate.launcher;

import io.meshgate.crypto.pki.LocalPki;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/meshgate up}: starts the broker, the nodes and nginx, and waits until they are ready. */
@Command(name = "up", sortOptions = false, description = {
        "Start the broker, N nodes and nginx, with TLS and the secure channel unless --plain, and wait until every "
                + "node is ready. Does nothing when a cluster is already running."})
final class UpCommand implements Callable<Integer> {

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = "nodes to start (default: ${DEFAULT-VALUE})")
    private int nodes;

    @Option(names = "--no-nginx", description = "no nginx in front of the nodes")
    private boolean noNginx;

    @Option(names = "--plain", description = "no TLS and plain frames (for debugging)")
    private boolean plain;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "each node's maximum heap, like 512m or 4g (default: ${DEFAULT-VALUE})")
    private String heap;

    @Option(names = "--war", paramLabel = "FILE",
            description = "the WAR the nodes run: a team's WAR built on meshgate.war (default: target/meshgate.war)")
    private Path war;

    @Option(names = "--ha", description = "a primary and a backup broker (shared store) instead of one")
    private boolean ha;

    @Option(names = "--server", paramLabel = "LIST", defaultValue = "payara",
            description = "the nodes' application server: payara or wildfly for every node, or one per node, "
                    + "like payara,wildfly,payara for --nodes 3 (default: ${DEFAULT-VALUE})")
    private String server;

    @Spec
    private CommandSpec spec;

    private final CliContext context;

    UpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Cli.require(spec, nodes >= 1, "--nodes", nodes, "at least one node");
        Path warFile = war == null ? null : Path.of(System.getProperty("meshgate.callerDir", ".")).resolve(war);
        Cli.require(spec, warFile == null || Files.isRegularFile(warFile), "--war", war, "no such file");
        List<ServerKind> servers;
        try {
            servers = ServerKind.perNode(server, nodes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--server': " + e.getMessage());
        }
        LocalCluster.Options options;
        try {
            options = LocalCluster.Options.defaults(context.home(), context.runDir()).withNodes(nodes)
                    .withServers(servers).withNginx(!noNginx).withSecure(!plain).withNodeHeap(heap).withHa(ha)
                    .withWar(warFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--heap': " + e.getMessage());
        }
        PrintStream out = context.out();
        ClusterState running = context.runningState();
        if (running != null) {
            out.println("a cluster is already running; access point " + running.accessPoint()
                    + " (bin/meshgate down stops it)");
            return 0;
        }
        deleteRunFilesButPki(context.runDir());
        long t0 = System.nanoTime();
        LocalCluster cluster = LocalCluster.start(options);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        ClusterState s = cluster.state();
        out.printf("broker   %s (pid %d)%n", s.broker().url(), s.broker().pid());
        if (s.backup() != null) {
            out.printf("backup   %s (pid %d, shared store: serves when the primary dies)%n", s.backup().url(),
                    s.backup().pid());
        }
        for (ClusterState.Node n : s.nodes()) {
            out.printf("%-8s %s (pid %d, %s) ready%n", n.id(), n.url(), n.pid(), n.server().label());
        }
        if (s.nginx() != null) {
            out.printf("nginx    %s (pid %d)%n", s.nginx().url(), s.nginx().pid());
        }
        out.printf("cluster ready in %.1f s; logs in %s%n", ms / 1000.0, s.logs());
        out.println("access point: " + s.accessPoint());
        if (s.consoleUrl() != null) {
            out.println("console:      " + s.consoleUrl() + " (with the client certificate " + s.pki().clientP12()
                    + ", password " + LocalPki.CLIENT_P12_PASSWORD + ")");
            out.println("portal demo:  " + s.demoUrl());
        }
        return 0;
    }

    /** Clears the run dir of an earlier cluster, keeping the PKI (its CA is what clients trust). */
    private static void deleteRunFilesButPki(Path runDir) throws IOException {
        if (!Files.exists(runDir)) {
            return;
        }
        try (var children = Files.list(runDir)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals("pki")) {
                    Folders.delete(child);
                }
            }
        }
    }

}
