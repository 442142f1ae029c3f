package io.meshgate.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.crypto.pki.PemFiles;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A cluster on this machine: an embedded Artemis broker, Payara Micro nodes running
 * {@code meshgate.war}, and nginx in front where it is installed, every process on 127.0.0.1 with
 * free ports and its log under {@code <run dir>/logs}. Used by {@code bin/meshgate} and by the
 * cluster tests alike. {@link #close()} stops everything it started, nodes before the broker.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalCluster.class.getName());
    private static final String STATE_FILE = "cluster.json";
    private static final String PAYARA_READY = ") ready in ";
    /** What a node's log says when Payara Micro failed a boot-time deployment (and still says ready). */
    static final String DEPLOY_FAILED = "Boot Command deploy failed";
    private static final int BOOT_ATTEMPTS = 3;
    /** Each node's journal of sample-service runs, in its folder of the run dir (see ExecutionJournal). */
    public static final String EXECUTION_LOG = "executions.log";
    /** How long a booted node may take to report ready before it is started again. */
    private static final Duration READY_AFTER_BOOT = Duration.ofSeconds(90);

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
     */
    public record Options(Path home, Path runDir, int nodes, boolean nginx, Duration readyTimeout, String nodeHeap,
                          boolean secure, boolean ha) {
        public Options {
            if (nodes < 1) {
                throw new IllegalArgumentException("at least one node");
            }
        }

        /** Three nodes, nginx where installed, 240 s to get ready, 512 MiB heap per node, secure. */
        public static Options defaults(Path home, Path runDir) {
            return new Options(home, runDir, 3, true, Duration.ofSeconds(240), "512m", true, false);
        }

        public Options withNodes(int n) {
            return new Options(home, runDir, n, nginx, readyTimeout, nodeHeap, secure, ha);
        }

        public Options withNginx(boolean on) {
            return new Options(home, runDir, nodes, on, readyTimeout, nodeHeap, secure, ha);
        }

        public Options withSecure(boolean on) {
            return new Options(home, runDir, nodes, nginx, readyTimeout, nodeHeap, on, ha);
        }

        /** The nodes' maximum heap, e.g. {@code 4g} for capacity runs. */
        public Options withNodeHeap(String heap) {
            if (!heap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException("a heap size is like 512m or 4g: " + heap);
            }
            return new Options(home, runDir, nodes, nginx, readyTimeout, heap, secure, ha);
        }

        /** A shared-store HA pair of brokers (primary and backup) instead of one broker. */
        public Options withHa(boolean on) {
            return new Options(home, runDir, nodes, nginx, readyTimeout, nodeHeap, secure, on);
        }
    }

    private final Options options;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();
    private volatile ClusterState state;
    private int brokerPort;
    private int backupPort;
    private LocalPki pki;

    private LocalCluster(Options options) {
        this.options = options;
        this.logs = options.runDir().resolve("logs");
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
        Files.createDirectories(logs);
        Path war = requireFile("target/meshgate.war");
        requireFile("target/meshgate-ra.rar");
        requireFile("target/payara-micro.jar");
        brokerPort = Ports.free();
        backupPort = options.ha() ? Ports.free() : 0;
        List<String> brokerCommand = brokerCommand(brokerPort, "primary", backupPort);
        Process broker = spawn("broker", brokerCommand);
        waitFor("broker", () -> Ports.listening(brokerPort), Duration.ofSeconds(60), broker);
        ClusterState.Proc backup = null;
        if (options.ha()) {
            List<String> backupCommand = brokerCommand(backupPort, "backup", brokerPort);
            Process b = spawn("broker-backup", backupCommand);
            Path backupLog = logs.resolve("broker-backup.log");
            waitFor("broker-backup", () -> logContains(backupLog, BrokerMain.BACKUP_ANNOUNCED), Duration.ofSeconds(60), b);
            backup = new ClusterState.Proc("tcp://127.0.0.1:" + backupPort, b.pid(), backupCommand,
                    backupLog.toString());
        }
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= options.nodes(); i++) {
            ids.add("node-" + i);
        }
        if (options.secure()) {
            pki = LocalPki.create(LocalPki.defaultDirectory(options.runDir()), ids);
        }
        state = new ClusterState("", new ClusterState.Proc("tcp://127.0.0.1:" + brokerPort, broker.pid(), brokerCommand,
                logs.resolve("broker.log").toString()), List.of(), null, logs.toString(), pkiState(), backup);
        List<CompletableFuture<ClusterState.Node>> starting = new ArrayList<>();
        for (int i = 1; i <= options.nodes(); i++) {
            starting.add(launchNode("node-" + i, Map.of()));
        }
        List<ClusterState.Node> nodes = new ArrayList<>();
        for (CompletableFuture<ClusterState.Node> f : starting) {
            nodes.add(await(f));
        }
        state = state.withNodes(nodes);
        ClusterState.Proc nginx = options.nginx() ? startNginx(nodes) : null;
        ClusterState.Node first = nodes.get(0);
        String direct = first.tlsUrl() != null ? first.tlsUrl() : first.url();
        String access = (nginx != null ? nginx.url() : direct).replaceFirst("^http", "ws") + "/ws";
        state = new ClusterState(access, state.broker(), nodes, nginx, logs.toString(), pkiState(), state.backup());
        state.write(stateFile(options.runDir()));
        LOG.info(() -> "cluster ready: " + war.getFileName() + " on " + nodes.size() + " nodes, access point " + access);
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
        if (pki != null) {
            pki = LocalPki.create(pki.directory(), List.of(nodeId));
        }
        ClusterState.Node n = await(launchNode(nodeId, config));
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
        stopPid(n.pid(), Duration.ofSeconds(60));
        state = state.withNodes(state.nodes().stream().filter(x -> !x.id().equals(nodeId)).toList());
    }

    /** Kills one node at once (SIGKILL): no departure is announced. */
    public void killNode(String nodeId) {
        ClusterState.Node n = node(nodeId);
        ProcessHandle.of(n.pid()).ifPresent(ProcessHandle::destroyForcibly);
        state = state.withNodes(state.nodes().stream().filter(x -> !x.id().equals(nodeId)).toList());
    }

    private CompletableFuture<ClusterState.Node> launchNode(String nodeId, Map<String, String> config) {
        return CompletableFuture.supplyAsync(() -> {
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= BOOT_ATTEMPTS; attempt++) {
                try {
                    return bootNode(nodeId, config, attempt);
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

    /**
     * Starts one node process and waits until it is ready. Payara Micro occasionally fails a
     * boot-time deployment (a race inside its deployment of the adapter on a loaded machine) and
     * still says "ready": such a boot is recognised in the log, and the caller starts the node again.
     */
    private ClusterState.Node bootNode(String nodeId, Map<String, String> config, int attempt)
            throws IOException, InterruptedException {
        int port = Ports.free();
        Path dir = options.runDir().resolve(nodeId);
        Files.createDirectories(dir);
        Path pre = fill("server-config/payara/pre-boot.asadmin", dir.resolve("pre-boot.asadmin"),
                Map.of("@BIND_ADDRESS@", "127.0.0.1"));
        int tlsPort = pki == null ? 0 : Ports.free();
        if (pki != null) {
            Files.writeString(pre, Files.readString(options.home().resolve("server-config/payara/pre-boot-tls.asadmin"))
                    .replace("@BIND_ADDRESS@", "127.0.0.1"), StandardOpenOption.APPEND);
        }
        Path post = fill("server-config/payara/post-boot.asadmin", dir.resolve("post-boot.asadmin"), Map.of(
                "@BROKER_HOST@", "127.0.0.1", "@BROKER_PORT@", Integer.toString(brokerPort), "@RA_HA@", raHa(),
                "@RAR@", requireFile("target/meshgate-ra.rar").toString(),
                "@WAR@", requireFile("target/meshgate.war").toString()));
        Path log = logs.resolve(nodeId + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + options.nodeHeap(),
                "-Dmeshgate.node.id=" + nodeId, "-Djava.io.tmpdir=" + dir, "-Dmeshgate.proxy.trusted=" + Nginx.SOURCES,
                "-Dmeshgate.samples.executionLog=" + dir.resolve(EXECUTION_LOG)));
        Map<String, String> all = new java.util.LinkedHashMap<>(secureConfig(nodeId));
        all.put("meshgate.session.resumeKey", resumeKey().toString());
        all.putAll(config);
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        NodeTls tls = nodeTls(nodeId, dir);
        command.addAll(tls.jvmOptions());
        command.addAll(List.of("-jar", requireFile("target/payara-micro.jar").toString(), "--nocluster",
                "--port", Integer.toString(port), "--prebootcommandfile", pre.toString(),
                "--postbootcommandfile", post.toString()));
        if (pki != null) {
            command.addAll(List.of("--sslport", Integer.toString(tlsPort), "--sslcert", tls.alias()));
        }
        Process p = spawn(nodeId, command);
        ClusterState.Node node = new ClusterState.Node(nodeId, "http://127.0.0.1:" + port, port, p.pid(),
                pki == null ? null : "https://127.0.0.1:" + tlsPort, command, log.toString());
        waitFor(nodeId, () -> logContains(log, PAYARA_READY), options.readyTimeout(), p);
        if (logContains(log, DEPLOY_FAILED)) {
            stopPid(p.pid(), Duration.ofSeconds(30));
            Files.move(log, logs.resolve(nodeId + ".failed-boot-" + attempt + ".log"),
                    StandardCopyOption.REPLACE_EXISTING);
            throw new NodeBootFailed(nodeId + ": a deployment failed at boot (attempt " + attempt + ")");
        }
        try {
            waitFor(nodeId, () -> ready(node), READY_AFTER_BOOT, p);
        } catch (IllegalStateException e) {
            String health = healthOf(node);
            stopPid(p.pid(), Duration.ofSeconds(30));
            Files.move(log, logs.resolve(nodeId + ".not-ready-" + attempt + ".log"), StandardCopyOption.REPLACE_EXISTING);
            throw new NodeBootFailed(nodeId + ": booted but not ready within " + READY_AFTER_BOOT.toSeconds()
                    + " s (attempt " + attempt + "): " + health);
        }
        return node;
    }

    /** Where a node's HTTPS listener finds its key and the root it trusts, as JVM options. */
    private record NodeTls(String alias, List<String> jvmOptions) { }

    /**
     * Writes the node's PKCS#12 key store (its certificate and key) and trust store (the root CA)
     * for its own HTTPS listener; the password is Payara's default master password.
     */
    private NodeTls nodeTls(String nodeId, Path dir) throws IOException {
        if (pki == null) {
            return new NodeTls("", List.of());
        }
        char[] password = "changeit".toCharArray();
        Path keys = dir.resolve("tls-keys.p12");
        Path trust = dir.resolve("tls-trust.p12");
        java.security.cert.X509Certificate root = PemFiles.readCertificate(pki.caCert());
        Credential credential = PemFiles.readCredential(pki.nodeCert(nodeId), pki.nodeKey(nodeId), root);
        PemFiles.writePkcs12(keys, credential, password);
        try {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("meshgate-root", root);
            try (var out = Files.newOutputStream(trust)) {
                ks.store(out, password);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot write the trust store", e);
        }
        String alias = credential.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "")
                .replaceFirst(",.*$", "");
        return new NodeTls(alias, List.of("-Djavax.net.ssl.keyStore=" + keys, "-Djavax.net.ssl.keyStorePassword=changeit",
                "-Djavax.net.ssl.keyStoreType=PKCS12", "-Djavax.net.ssl.trustStore=" + trust,
                "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12"));
    }

    /**
     * The cluster's resume key (32 random bytes, owner-only), shared by every node so that any of
     * them can check the resume token another issued; made on first use.
     */
    private synchronized Path resumeKey() throws IOException {
        Path key = options.runDir().resolve("resume.key");
        if (!Files.exists(key)) {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            Files.write(key, bytes);
            try {
                Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.fine("no POSIX permissions here: resume key left with default permissions");
            }
        }
        return key;
    }

    /**
     * The command of one broker: alone (role ignored when {@code peerPort} is 0), or the primary or
     * backup of a shared-store pair with the peer on {@code peerPort}; both use the same data folder.
     */
    private List<String> brokerCommand(int port, String role, int peerPort) throws IOException {
        List<String> c = new ArrayList<>(List.of(java(), "-Xmx256m",
                "-D" + BrokerMain.CONFIG + "=" + options.home().resolve("server-config/artemis"),
                "-cp", launcherClasspath(),
                BrokerMain.class.getName(), Integer.toString(port), options.runDir().resolve("broker-data").toString()));
        if (peerPort != 0) {
            c.addAll(List.of(role, Integer.toString(peerPort)));
        }
        return c;
    }

    /**
     * What the adapter's connection properties add for an HA pair (the backup's connector, the
     * connector class once per connector, {@code HA=true}), in asadmin property syntax; empty for
     * one broker.
     */
    private String raHa() {
        if (backupPort == 0) {
            return "";
        }
        String netty = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";
        return ",host\\=127.0.0.1\\;port\\=" + backupPort + ":ConnectorClassName=" + netty + "," + netty + ":HA=true";
    }

    /** The node configuration of the secure channel, or nothing for a plain cluster. */
    private Map<String, String> secureConfig(String nodeId) {
        if (pki == null) {
            return Map.of("meshgate.channel.mode", "plain");
        }
        return Map.of("meshgate.channel.mode", "secure",
                "meshgate.pki.ca", pki.caCert().toString(),
                "meshgate.pki.certificate", pki.nodeCert(nodeId).toString(),
                "meshgate.pki.key", pki.nodeKey(nodeId).toString(),
                "meshgate.pki.denyList", pki.denyList().toString(),
                "meshgate.console.operators", defaultClientFingerprint());
    }

    /** The SHA-256 fingerprint of the PKI's default client certificate: the local cluster's console operator. */
    private String defaultClientFingerprint() {
        try {
            return CertificateVerifier.fingerprint(PemFiles.readCertificate(pki.clientCert()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + pki.clientCert(), e);
        }
    }

    private ClusterState.Pki pkiState() {
        return pki == null ? null : new ClusterState.Pki(pki.caCert().toString(), pki.clientCert().toString(),
                pki.clientKey().toString(), pki.clientP12().toString(), pki.denyList().toString());
    }

    /** The cluster's PKI, or null for a plain cluster. */
    public LocalPki pki() {
        return pki;
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** A node whose boot failed in a way that a new start may not repeat. */
    private static final class NodeBootFailed extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NodeBootFailed(String message) {
            super(message);
        }
    }

    /** Whether a node answers UP on {@code /health/ready}. */
    public boolean ready(ClusterState.Node node) {
        return ClusterProcesses.ready(http, node);
    }

    private String healthOf(ClusterState.Node node) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(node.url() + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "health unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private ClusterState.Proc startNginx(List<ClusterState.Node> nodes) throws IOException, InterruptedException {
        String binary = Nginx.binary();
        if (binary == null) {
            LOG.info("nginx is not installed: clients connect to node-1 directly");
            return null;
        }
        int port = Ports.free();
        Path conf = Nginx.writeConfig(options.home(), options.runDir(), port, nodes, pki);
        List<String> command = List.of(binary, "-p", options.runDir().toString(), "-c", conf.toString(), "-e",
                logs.resolve("nginx-error.log").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logs.resolve("nginx.log").toFile()).start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("nginx did not start; see " + logs.resolve("nginx-error.log"));
        }
        long pid = Long.parseLong(Files.readString(options.runDir().resolve("nginx.pid")).trim());
        waitFor("nginx", () -> Ports.listening(port), Duration.ofSeconds(10), null);
        return new ClusterState.Proc((pki == null ? "http" : "https") + "://127.0.0.1:" + port, pid, command,
                logs.resolve("nginx-error.log").toString());
    }

    /** Stops everything this cluster started: nodes (in parallel), then nginx, then the broker. */
    @Override
    public void close() {
        ClusterState s = state;
        if (s != null) {
            stopAll(s);
        }
        processes.forEach(Process::destroyForcibly);
    }

    /** Stops the processes of a cluster state (nodes, nginx, broker), as {@code bin/meshgate down} does. */
    public static void stopAll(ClusterState s) {
        List<CompletableFuture<Void>> stops = s.nodes().stream()
                .map(n -> CompletableFuture.runAsync(() -> stopPid(n.pid(), Duration.ofSeconds(60)))).toList();
        stops.forEach(CompletableFuture::join);
        if (s.nginx() != null) {
            stopPid(s.nginx().pid(), Duration.ofSeconds(10));
        }
        if (s.backup() != null) {
            stopPid(s.backup().pid(), Duration.ofSeconds(30)); // before the primary, which would fail over to it
        }
        stopPid(s.broker().pid(), Duration.ofSeconds(30));
    }

    private static void stopPid(long pid, Duration grace) {
        ProcessHandle.of(pid).ifPresent(h -> {
            List<ProcessHandle> children = h.descendants().toList();
            h.destroy();
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warning(() -> "process " + pid + " did not stop within " + grace.toSeconds() + " s; killing it");
                h.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        });
    }

    private Process spawn(String name, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(options.runDir().toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        new File("/dev/null"))).start();
        processes.add(p);
        return p;
    }

    private void waitFor(String what, Check check, Duration timeout, Process process) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (check.ok()) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + "; see "
                        + logs.resolve(what + ".log"));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " not ready within " + timeout.toSeconds() + " s; see "
                + logs.resolve(what + ".log"));
    }

    private static <T> T await(CompletableFuture<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Path fill(String template, Path out, Map<String, String> values) throws IOException {
        String text = Files.readString(options.home().resolve(template), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace(v.getKey(), v.getValue());
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
        return out;
    }

    private Path requireFile(String relative) {
        Path p = options.home().resolve(relative).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: build first (mvn package -DskipTests)");
        }
        return p;
    }

    private String launcherClasspath() throws IOException {
        Path cpFile = requireFile("target/launcher.classpath");
        return options.home().resolve("target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(cpFile).trim();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @FunctionalInterface
    private interface Check {
        boolean ok();
    }

    /** Lists processes for diagnostics. */
    @Override
    public String toString() {
        ClusterState s = state;
        return s == null ? "LocalCluster[not started]" : "LocalCluster[" + s.nodes().stream().map(ClusterState.Node::id)
                .collect(Collectors.joining(",")) + " via " + s.accessPoint() + "]";
    }

}
