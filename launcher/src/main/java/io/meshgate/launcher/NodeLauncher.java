package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * Starts the Payara Micro nodes of a local cluster and waits until each is ready: its log says
 * Payara is ready, then {@code /health/ready} says UP. Payara Micro occasionally fails a boot-time
 * deployment (a race inside its deployment of the adapter on a loaded machine) and still says
 * ready: such a boot, or one that never gets ready, is stopped, its log kept aside, and the node
 * started again, up to three times. Nodes start in parallel, each on a thread of its own.
 */
final class NodeLauncher {

    private static final Logger LOG = Logger.getLogger(NodeLauncher.class.getName());
    private static final String PAYARA_READY = ") ready in ";
    /** What a node's log says when Payara Micro failed a boot-time deployment (and still says ready). */
    static final String DEPLOY_FAILED = "Boot Command deploy failed";
    private static final int BOOT_ATTEMPTS = 3;
    /** How long a booted node may take to report ready before it is started again. */
    private static final Duration READY_AFTER_BOOT = Duration.ofSeconds(90);

    private final Path runDir;
    private final Duration bootTimeout;
    private final NodeConfig config;
    private final ClusterKeys keys;
    private final ProcessSupervisor processes;
    private final Readiness readiness;

    /** Nodes whose folders are in {@code runDir}, each given {@code bootTimeout} until Payara says ready. */
    NodeLauncher(Path runDir, Duration bootTimeout, NodeConfig config, ClusterKeys keys, ProcessSupervisor processes,
                 Readiness readiness) {
        this.runDir = runDir;
        this.bootTimeout = bootTimeout;
        this.config = config;
        this.keys = keys;
        this.processes = processes;
        this.readiness = readiness;
    }

    /** Starts these nodes in parallel and returns them, in this order, once all are ready. */
    List<ClusterState.Node> startAll(List<String> nodeIds) throws InterruptedException {
        List<CompletableFuture<ClusterState.Node>> starting = new ArrayList<>();
        for (String id : nodeIds) {
            starting.add(launch(id, Map.of()));
        }
        List<ClusterState.Node> nodes = new ArrayList<>();
        for (CompletableFuture<ClusterState.Node> f : starting) {
            nodes.add(await(f));
        }
        return nodes;
    }

    /** Issues the node's certificate (in a secure cluster), starts it with extra system properties, and waits until it is ready. */
    ClusterState.Node start(String nodeId, Map<String, String> extra) throws IOException, InterruptedException {
        keys.addNode(nodeId);
        return await(launch(nodeId, extra));
    }

    private CompletableFuture<ClusterState.Node> launch(String nodeId, Map<String, String> extra) {
        return CompletableFuture.supplyAsync(() -> {
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= BOOT_ATTEMPTS; attempt++) {
                try {
                    return boot(nodeId, extra, attempt);
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
    private ClusterState.Node boot(String nodeId, Map<String, String> extra, int attempt)
            throws IOException, InterruptedException {
        int port = Ports.free();
        Path dir = runDir.resolve(nodeId);
        Files.createDirectories(dir);
        int tlsPort = keys.secure() ? Ports.free() : 0;
        List<String> command = config.command(nodeId, dir, port, tlsPort, extra);
        Path log = processes.log(nodeId);
        Process p = processes.spawn(nodeId, command);
        ClusterState.Node node = new ClusterState.Node(nodeId, "http://127.0.0.1:" + port, port, p.pid(),
                keys.secure() ? "https://127.0.0.1:" + tlsPort : null, command, log.toString());
        processes.await(nodeId, () -> Readiness.logShows(log, 0, PAYARA_READY), bootTimeout, p);
        if (Readiness.logShows(log, 0, DEPLOY_FAILED)) {
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
