package io.meshgate.launcher;

import io.meshgate.crypto.pki.LocalPki;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A cluster on this machine: an embedded Artemis broker, nodes running {@code meshgate.war} on
 * Payara Micro or WildFly (or both: a mixed cluster), and nginx in front where it is installed,
 * every process on 127.0.0.1 with free ports and its log under {@code <run dir>/logs}. Used by
 * {@code bin/meshgate} and by the cluster tests alike. {@link #close()} stops everything it
 * started, nodes before the broker.
 *
 * <p>A facade over the parts that do the work: {@link ProcessSupervisor} (processes and their
 * logs), {@link NodeLauncher} (a node's start and its retries), {@link PayaraNode} and
 * {@link WildFlyNode} (a node's configuration and command line on its server), {@link ClusterKeys}
 * (PKI, key stores, resume key), {@link Readiness} (the health poll) and {@link Nginx}.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalCluster.class.getName());
    private static final String STATE_FILE = "cluster.json";
    /** Each node's journal of sample-service runs, in its folder of the run dir (see ExecutionJournal). */
    public static final String EXECUTION_LOG = "executions.log";
    private static final Duration BROKER_READY = Duration.ofSeconds(60);

    /**
     * How to start a cluster.
     *
     * @param home         the project folder (holds {@code target/} and the config templates)
     * @param runDir       where logs, configs, broker data and the state file go
     * @param nodes        how many nodes to start
     * @param nginx        whether to put nginx in front (when installed)
     * @param readyTimeout how long to wait for every node to be ready
     * @param nodeHeap     the nodes' maximum heap, e.g. {@code 512m}
     * @param ha           whether to run a shared-store HA pair of brokers (the nodes fail over to the
     *                     backup when the primary dies)
     * @param secure       whether to create a PKI, terminate TLS 1.3 with client certificates at
     *                     nginx and run the secure channel on the nodes
     * @param war          the WAR the nodes run: {@code target/meshgate.war} when null, or a team's
     *                     WAR built as an overlay of it
     * @param servers      the server of every node (one for all), or of each node in turn
     */
    public record Options(Path home, Path runDir, int nodes, boolean nginx, Duration readyTimeout, String nodeHeap,
                          boolean secure, boolean ha, Path war, List<ServerKind> servers) {
        public Options {
            if (nodes < 1) {
                throw new IllegalArgumentException("at least one node");
            }
            servers = servers == null || servers.isEmpty() ? List.of(ServerKind.PAYARA) : List.copyOf(servers);
            if (servers.size() != 1 && servers.size() != nodes) {
                throw new IllegalArgumentException(servers.size() + " servers named for " + nodes
                        + " nodes: name one for all nodes, or one per node");
            }
        }

        /** Three Payara Micro nodes, nginx where installed, 240 s to get ready, 512 MiB heap per node, secure. */
        public static Options defaults(Path home, Path runDir) {
            return new Options(home, runDir, 3, true, Duration.ofSeconds(240), "512m", true, false, null, null);
        }

        /** The server of the node with this index (0 for node-1). */
        public ServerKind server(int index) {
            return servers.size() == 1 ? servers.get(0) : servers.get(index);
        }

        /** Every node on this server, or each on its own: {@code payara,wildfly,payara} for three nodes. */
        public Options withServers(List<ServerKind> kinds) {
            return new Options(home, runDir, nodes, nginx, readyTimeout, nodeHeap, secure, ha, war, kinds);
        }

        public Options withNodes(int n) {
            return new Options(home, runDir, n, nginx, readyTimeout, nodeHeap, secure, ha, war, servers);
        }

        public Options withNginx(boolean on) {
            return new Options(home, runDir, nodes, on, readyTimeout, nodeHeap, secure, ha, war, servers);
        }

        public Options withSecure(boolean on) {
            return new Options(home, runDir, nodes, nginx, readyTimeout, nodeHeap, on, ha, war, servers);
        }

        /** The nodes' maximum heap, e.g. {@code 4g} for capacity runs. */
        public Options withNodeHeap(String heap) {
            if (!heap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException("a heap size is like 512m or 4g: " + heap);
            }
            return new Options(home, runDir, nodes, nginx, readyTimeout, heap, secure, ha, war, servers);
        }

        /** The nodes run this WAR (a team's overlay of meshgate.war) instead of the build's. */
        public Options withWar(Path file) {
            return new Options(home, runDir, nodes, nginx, readyTimeout, nodeHeap, secure, ha, file, servers);
        }

        /** A shared-store HA pair of brokers (primary and backup) instead of one broker. */
        public Options withHa(boolean on) {
            return new Options(home, runDir, nodes, nginx, readyTimeout, nodeHeap, secure, on, war, servers);
        }
    }

    private final Options options;
    private final Build build;
    private final ProcessSupervisor processes;
    private final Readiness readiness = new Readiness();
    private volatile ClusterState state;
    private volatile ClusterKeys keys;
    private NodeLauncher nodes;

    private LocalCluster(Options options) {
        this.options = options;
        this.build = new Build(options.home(), options.war());
        this.processes = new ProcessSupervisor(options.runDir(), options.runDir().resolve("logs"));
    }

    /** Starts a broker, the nodes and nginx, and waits until every node is ready. */
    public static LocalCluster start(Options options) throws IOException, InterruptedException {
        LocalCluster c = new LocalCluster(options);
        try {
            c.boot();
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The state file of a run dir. */
    public static Path stateFile(Path runDir) {
        return runDir.resolve(STATE_FILE);
    }

    /** The current state: processes, URLs, logs. */
    public ClusterState state() {
        return state;
    }

    /** The WebSocket URL clients use. */
    public URI accessPoint() {
        return URI.create(state.accessPoint());
    }

    /** The WebSocket URL of one node, bypassing nginx: its own TLS listener when it has one. */
    public URI nodeSocket(String nodeId) {
        return URI.create(node(nodeId).socketUrl());
    }

    /** A node of this cluster by id. */
    public ClusterState.Node node(String nodeId) {
        return state.node(nodeId);
    }

    private void boot() throws IOException, InterruptedException {
        Files.createDirectories(processes.logs());
        Path war = build.war();
        if (options.servers().contains(ServerKind.PAYARA)) {
            build.adapter();
            build.payaraMicro();
        }
        if (options.servers().contains(ServerKind.WILDFLY)) {
            build.wildfly();
        }
        int brokerPort = Ports.free();
        int backupPort = options.ha() ? Ports.free() : 0;
        List<String> brokerCommand = BrokerMain.command(build, options.runDir(), brokerPort, "primary", backupPort);
        Process broker = processes.spawn("broker", brokerCommand);
        processes.await("broker", () -> Ports.listening(brokerPort), BROKER_READY, broker);
        ClusterState.Proc backup = options.ha() ? startBackup(backupPort, brokerPort) : null;
        Map<String, ServerKind> ids = new LinkedHashMap<>();
        for (int i = 0; i < options.nodes(); i++) {
            ids.put("node-" + (i + 1), options.server(i));
        }
        keys = ClusterKeys.create(options.runDir(), options.secure(), List.copyOf(ids.keySet()));
        state = new ClusterState("", new ClusterState.Proc("tcp://127.0.0.1:" + brokerPort, broker.pid(), brokerCommand,
                processes.log("broker").toString()), List.of(), null, processes.logs().toString(), keys.state(), backup);
        NodeSettings settings = new NodeSettings(build, options.nodeHeap(), brokerPort, backupPort, keys);
        nodes = new NodeLauncher(options.runDir(), options.readyTimeout(),
                List.of(new PayaraNode(settings), new WildFlyNode(settings, options.runDir())), keys, processes, readiness);
        List<ClusterState.Node> started = nodes.startAll(ids);
        state = state.withNodes(started);
        ClusterState.Proc nginx = options.nginx()
                ? Nginx.start(options.home(), options.runDir(), started, keys.pki(), processes) : null;
        ClusterState.Node first = started.get(0);
        String direct = first.tlsUrl() != null ? first.tlsUrl() : first.url();
        String access = (nginx != null ? nginx.url() : direct).replaceFirst("^http", "ws") + "/ws";
        state = new ClusterState(access, state.broker(), started, nginx, processes.logs().toString(), keys.state(),
                state.backup());
        state.write(stateFile(options.runDir()));
        LOG.info(() -> "cluster ready: " + war.getFileName() + " on " + started.size() + " nodes, access point " + access);
    }

    /** Starts the backup broker of an HA pair and waits until the primary knows it. */
    private ClusterState.Proc startBackup(int backupPort, int brokerPort) throws IOException, InterruptedException {
        List<String> command = BrokerMain.command(build, options.runDir(), backupPort, "backup", brokerPort);
        Process b = processes.spawn("broker-backup", command);
        Path log = processes.log("broker-backup");
        processes.await("broker-backup", () -> Readiness.logShows(log, 0, BrokerMain.BACKUP_ANNOUNCED), BROKER_READY, b);
        return new ClusterState.Proc("tcp://127.0.0.1:" + backupPort, b.pid(), command, log.toString());
    }

    /** Starts one more node (not behind nginx) and waits until it is ready. */
    public ClusterState.Node startNode(String nodeId) throws IOException, InterruptedException {
        return startNode(nodeId, Map.of());
    }

    /**
     * Starts one more node with extra configuration (system properties such as
     * {@code meshgate.node.capacity}) and waits until it is ready.
     */
    public ClusterState.Node startNode(String nodeId, Map<String, String> config)
            throws IOException, InterruptedException {
        return startNode(nodeId, options.server(0), config);
    }

    /** Starts one more node (not behind nginx) on this server, with extra configuration, and waits until it is ready. */
    public ClusterState.Node startNode(String nodeId, ServerKind server, Map<String, String> config)
            throws IOException, InterruptedException {
        ClusterState.Node n = nodes.start(nodeId, server, config);
        state = state.plus(n);
        state.write(stateFile(options.runDir()));
        return n;
    }

    /**
     * Reads the state file again: another command ({@code bin/meshgate chaos}, or a
     * {@link ClusterProcesses} in this JVM) may have started some of this cluster's processes again
     * under new pids, which {@link #close()} must stop.
     */
    public void reloadState() throws IOException {
        state = ClusterState.read(stateFile(options.runDir()));
    }

    /** Stops one node with SIGTERM (an orderly departure) and waits for it to exit. */
    public void stopNode(String nodeId) {
        ClusterState.Node n = node(nodeId);
        ProcessSupervisor.stop(n.pid(), Duration.ofSeconds(60));
        state = state.withNodes(state.nodes().stream().filter(x -> !x.id().equals(nodeId)).toList());
    }

    /** Kills one node at once (SIGKILL): no departure is announced. */
    public void killNode(String nodeId) {
        ClusterState.Node n = node(nodeId);
        ProcessHandle.of(n.pid()).ifPresent(ProcessHandle::destroyForcibly);
        state = state.withNodes(state.nodes().stream().filter(x -> !x.id().equals(nodeId)).toList());
    }

    /** The cluster's PKI, or null for a plain cluster. */
    public LocalPki pki() {
        ClusterKeys k = keys;
        return k == null ? null : k.pki();
    }

    /** Whether a node answers UP on {@code /health/ready}. */
    public boolean ready(ClusterState.Node node) {
        return readiness.ready(node);
    }

    /** Stops everything this cluster started: nodes (in parallel), then nginx, then the broker. */
    @Override
    public void close() {
        ClusterState s = state;
        if (s != null) {
            stopAll(s);
        }
        processes.close();
    }

    /** Stops the processes of a cluster state (nodes, nginx, broker), as {@code bin/meshgate down} does. */
    public static void stopAll(ClusterState s) {
        ProcessSupervisor.stopAll(s);
    }

    /** Lists processes for diagnostics. */
    @Override
    public String toString() {
        ClusterState s = state;
        return s == null ? "LocalCluster[not started]" : "LocalCluster[" + s.nodes().stream().map(ClusterState.Node::id)
                .collect(Collectors.joining(",")) + " via " + s.accessPoint() + "]";
    }

}
