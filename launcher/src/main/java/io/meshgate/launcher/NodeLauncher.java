package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * Starts the nodes of a local cluster, each on its server ({@link NodeServer}), and waits until
 * each is ready: its log says the server has booted, then its readiness URL says UP. A boot whose
 * log shows a failed deployment ({@link ServerKind#bootFailed}), or one that never gets ready, is
 * stopped, its log kept aside, and the node started again, up to three times. Nodes start in
 * parallel, each on a thread of its own.
 */
final class NodeLauncher {

    private static final Logger LOG = Logger.getLogger(NodeLauncher.class.getName());
    private static final int BOOT_ATTEMPTS = 3;
    /** How long a booted node may take to report ready before it is started again. */
    private static final Duration READY_AFTER_BOOT = Duration.ofSeconds(90);

    private final Path runDir;
    private final Duration bootTimeout;
    private final Map<ServerKind, NodeServer> servers;
    private final ClusterKeys keys;
    private final ProcessSupervisor processes;
    private final Readiness readiness;

    /** Nodes whose folders are in {@code runDir}, each given {@code bootTimeout} until its server says it booted. */
    NodeLauncher(Path runDir, Duration bootTimeout, List<NodeServer> servers, ClusterKeys keys,
                 ProcessSupervisor processes, Readiness readiness) {
        this.runDir = runDir;
        this.bootTimeout = bootTimeout;
        this.servers = new EnumMap<>(ServerKind.class);
        servers.forEach(server -> this.servers.put(server.kind(), server));
        this.keys = keys;
        this.processes = processes;
        this.readiness = readiness;
    }

    /** Starts these nodes (by id, each on its server) in parallel and returns them, in this order, once all are ready. */
    List<ClusterState.Node> startAll(Map<String, ServerKind> nodes) throws InterruptedException {
        List<CompletableFuture<ClusterState.Node>> starting = new ArrayList<>();
        nodes.forEach((id, server) -> starting.add(launch(id, server, Map.of())));
        List<ClusterState.Node> started = new ArrayList<>();
        for (CompletableFuture<ClusterState.Node> f : starting) {
            started.add(await(f));
        }
        return started;
    }

    /**
     * Issues the node's certificate (in a secure cluster), starts it on this server with extra
     * system properties, and waits until it is ready.
     */
    ClusterState.Node start(String nodeId, ServerKind server, Map<String, String> extra)
            throws IOException, InterruptedException {
        keys.addNode(nodeId);
        return await(launch(nodeId, server, extra));
    }

    private CompletableFuture<ClusterState.Node> launch(String nodeId, ServerKind server, Map<String, String> extra) {
        NodeServer on = servers.get(server);
        if (on == null) {
            throw new IllegalArgumentException("this cluster runs no " + server.label() + " nodes");
        }
        return CompletableFuture.supplyAsync(() -> {
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= BOOT_ATTEMPTS; attempt++) {
                try {
                    return boot(on, nodeId, extra, attempt);
                } catch (NodeBootFailed e) {
                    LOG.warning(() -> e.getMessage() + "; starting it again");
                    last = e;
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start " + nodeId, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            throw last;
        });
    }

    /** Starts one node process and waits until it is ready; a failed boot is stopped and its log moved aside. */
    private ClusterState.Node boot(NodeServer server, String nodeId, Map<String, String> extra, int attempt)
            throws IOException, InterruptedException {
        Path dir = runDir.resolve(nodeId);
        Files.createDirectories(dir);
        NodeServer.Launch launch = server.prepare(nodeId, dir, extra);
        Path log = processes.log(nodeId);
        Process p = processes.spawn(nodeId, launch.command());
        ClusterState.Node node = new ClusterState.Node(nodeId, "http://" + NodeSettings.BIND_ADDRESS + ":" + launch.port(),
                launch.port(), p.pid(), launch.tlsUrl(), launch.command(), log.toString(), server.kind(),
                launch.healthUrl());
        processes.await(nodeId, () -> server.kind().booted(log, 0), bootTimeout, p);
        if (server.kind().bootFailed(log, 0)) {
            setAside(p, log, nodeId + ".failed-boot-" + attempt);
            throw new NodeBootFailed(nodeId + ": a deployment failed at boot (attempt " + attempt + ")");
        }
        try {
            processes.await(nodeId, () -> readiness.ready(node), READY_AFTER_BOOT, p);
        } catch (IllegalStateException e) {
            String health = readiness.report(node);
            setAside(p, log, nodeId + ".not-ready-" + attempt);
            throw new NodeBootFailed(nodeId + ": booted but not ready within " + READY_AFTER_BOOT.toSeconds()
                    + " s (attempt " + attempt + "): " + health);
        }
        return node;
    }

    /** Stops a failed boot and moves its log to {@code <name>.log}, so that the next start has a log of its own. */
    private void setAside(Process p, Path log, String name) throws IOException {
        ProcessSupervisor.stop(p.pid(), Duration.ofSeconds(30));
        Files.move(log, processes.log(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static <T> T await(CompletableFuture<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** A node whose boot failed in a way that a new start may not repeat. */
    private static final class NodeBootFailed extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NodeBootFailed(String message) {
            super(message);
        }
    }
}
