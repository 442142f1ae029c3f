package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.ClientSecurity;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.Build;
import io.meshgate.launcher.Folders;
import io.meshgate.launcher.Ports;
import io.meshgate.launcher.WildFlyServer;
import io.meshgate.wire.SecureChannel;
import jakarta.jms.JMSSecurityException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The container images, exercised without a container engine (the build machines have none): each
 * image's files laid out as its Dockerfile copies them, its build step and entrypoint run as they
 * are with the environment compose.yaml gives them, the PKI made by {@code bin/meshgate pki --nodes}
 * as the compose volume, the broker pair's journal in one folder as compose's shared volume, and
 * nginx running {@code docker/nginx.conf} with only the node addresses, its port and the PKI folder
 * swapped for this machine's. What differs from a container: the loopback address instead of the
 * compose network (the brokers' and nodes' hosts, nginx's address as the trusted proxy, the bind
 * addresses), the PKI and journal folders' paths, and free ports instead of 61616/8080/8443. The
 * broker failover runs last: it leaves the backup serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerEntrypointIT {

    private static final Path HOME = Build.projectHome();
    private static final Path WORK = HOME.resolve("target/container-it");
    private static final Path PKI = WORK.resolve("run/pki");
    /** How long a node may take from its entrypoint to "node ready": a hang guard, not a timing rule. */
    private static final Duration BOOT = Duration.ofSeconds(240);
    /** A broker of a pair logs this once the serving broker knows it as its backup. */
    private static final String BACKUP_ANNOUNCED = "AMQ221031";
    /** A backup logs this when it takes the journal over and serves. */
    private static final String BACKUP_SERVING = "AMQ221010";
    /** What the Payara image copies ({@code docker/Dockerfile}): source in the project, place under /opt/meshgate. */
    private static final Map<String, String> PAYARA_IMAGE = Map.of(
            "target/payara-micro.jar", "payara-micro.jar", "target/meshgate-ra.rar", "meshgate-ra.rar",
            "target/meshgate.war", "meshgate.war",
            "server-config/payara/pre-boot.asadmin", "templates/pre-boot.asadmin",
            "server-config/payara/post-boot.asadmin", "templates/post-boot.asadmin",
            "server-config/payara/post-boot-ha.fragment", "templates/post-boot-ha.fragment",
            "docker/node-env.sh", "node-env.sh", "docker/node-entrypoint.sh", "node-entrypoint.sh");
    /** What the broker image copies ({@code docker/Dockerfile.broker}): source in the project, place under /opt/meshgate. */
    private static final Map<String, String> BROKER_IMAGE = Map.of(
            "launcher/target/broker-lib", "lib", "server-config/artemis/broker.xml", "artemis/broker.xml",
            "server-config/artemis/broker-primary.xml", "artemis/broker-primary.xml",
            "server-config/artemis/broker-backup.xml", "artemis/broker-backup.xml",
            "server-config/artemis/security-settings.xml", "artemis/security-settings.xml",
            "server-config/artemis/address-settings.xml", "artemis/address-settings.xml",
            "docker/broker-entrypoint.sh", "broker-entrypoint.sh");
    /** What the WildFly image copies under /opt/meshgate ({@code docker/Dockerfile.wildfly}), besides WildFly and the WAR. */
    private static final Map<String, String> WILDFLY_IMAGE = Map.of(
            "server-config/wildfly/configure-node.cli", "templates/configure-node.cli",
            "server-config/wildfly/configure-node-plain.cli", "templates/configure-node-plain.cli",
            "server-config/wildfly/configure-node-backup.cli", "templates/configure-node-backup.cli",
            "docker/node-env.sh", "node-env.sh", "docker/wildfly-configure.sh", "wildfly-configure.sh",
            "docker/wildfly-entrypoint.sh", "wildfly-entrypoint.sh");

    private static final List<LoggedProcess> running = new ArrayList<>();
    private static final int PRIMARY_PORT = Ports.free();
    private static final int BACKUP_PORT = Ports.free();
    private static LoggedProcess primary;
    private static LoggedProcess backup;
    private static URI access;

    @BeforeAll
    static void runTheImagesBehindTheComposeNginx() throws Exception {
        Assumptions.nginxInstalled();
        Folders.delete(WORK);
        Files.createDirectories(WORK);
        makeThePkiVolume();
        startTheBrokerPair();
        int payaraPort = Ports.free();
        int wildFlyPort = Ports.free();
        LoggedProcess payara = start("node-1", payaraImage().resolve("node-entrypoint.sh"),
                nodeEnvironment("node-1", payaraPort));
        Path wildFlyBase = wildFlyImage();
        Map<String, String> wildFlyEnv = nodeEnvironment("node-2", wildFlyPort);
        wildFlyEnv.putAll(wildFlyLayout(wildFlyBase));
        wildFlyEnv.put("MESHGATE_MANAGEMENT_PORT", Integer.toString(Ports.free()));
        LoggedProcess wildFly = start("node-2", WORK.resolve("wildfly-image/opt/meshgate/wildfly-entrypoint.sh"),
                wildFlyEnv);
        payara.awaitLine(l -> l.contains("io.meshgate.health.ReadinessCheck") && l.contains("node ready"), BOOT);
        wildFly.awaitLine(l -> l.contains("io.meshgate.health.ReadinessCheck") && l.contains("node ready"), BOOT);
        access = startNginx(List.of(payaraPort, wildFlyPort));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        // nginx and the nodes first, the brokers last: the nodes stop in order while their broker runs
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).stop();
        }
    }

    @Test
    void callsThroughTheComposeNginxRunOverTls13AndTheSealedChannelOnBothImages() throws Exception {
        Set<String> processors = new TreeSet<>();
        Set<String> ingresses = new HashSet<>();
        ClientSecurity security = ClientSecurity.fromPem(PKI.resolve("ca.pem"), PKI.resolve("client.pem"),
                PKI.resolve("client-key.pem"));
        for (int session = 0; session < 4; session++) {
            try (MeshgateClient c = MeshgateClient.connect(access, ClientOptions.builder().secure(security).build())) {
                assertTrue(c.tlsSuite().startsWith("TLSv1.3 "), c.tlsSuite());
                assertEquals(SecureChannel.SUITE, c.channelSuite());
                for (int i = 0; i < 20; i++) {
                    Response r = Calls.call(c, "echo", "echo", "{\"i\":" + i + "}", Duration.ofSeconds(10));
                    assertTrue(r.ok(), () -> "call failed: " + r);
                    processors.add(r.processedBy());
                    ingresses.add(r.ingressNode());
                }
            }
        }
        assertEquals(Set.of("node-1", "node-2"), processors, "the Payara and the WildFly image both process");
        assertFalse(ingresses.isEmpty());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void whenThePrimaryBrokerIsKilledTheBackupServesAndBothImagesProcessThroughIt() throws Exception {
        primary.kill();
        backup.awaitLine(l -> l.contains(BACKUP_SERVING), BOOT);

        Set<String> processors = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        int inARow = 0;
        ClientSecurity security = ClientSecurity.fromPem(PKI.resolve("ca.pem"), PKI.resolve("client.pem"),
                PKI.resolve("client-key.pem"));
        // the nodes reconnect to the backup on their own: calls may fail until they have (each
        // with its answer, never lost); the guard bounds a hang, not the failover's time
        long guard = System.nanoTime() + BOOT.toNanos();
        while (inARow < 40 && System.nanoTime() < guard) {
            try (MeshgateClient c = MeshgateClient.connect(access, ClientOptions.builder().secure(security).build())) {
                for (int i = 0; i < 10; i++) {
                    Response r = Calls.call(c, "echo", "echo", "{\"i\":" + i + "}", Duration.ofSeconds(10));
                    if (r.ok()) {
                        processors.add(r.processedBy());
                        inARow++;
                    } else {
                        failures.add(r.toString());
                        inARow = 0;
                    }
                }
            }
        }
        System.err.printf("failover: %d calls failed before 40 in a row succeeded: %s%n", failures.size(), failures);
        assertEquals(40, inARow, () -> "no 40 calls in a row after the failover; failures: " + failures);
        assertEquals(Set.of("node-1", "node-2"), processors, "the Payara and the WildFly image both process");
    }

    @Test
    void theBrokerRefusesAClientWithoutThePasswordOfThePki() throws Exception {
        String url = "tcp://127.0.0.1:" + PRIMARY_PORT + "?reconnectAttempts=0";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url)) {
            assertThrows(JMSSecurityException.class, () -> factory.createConnection().close());
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("meshgate", "not-the-password").close());
        }
    }

    @Test
    void aBrokerWithoutItsPasswordRefusesToStartAndNamesTheMissingFile() throws Exception {
        Path empty = Files.createDirectories(WORK.resolve("empty-pki"));
        Map<String, String> env = brokerEnvironment("broker-primary", Ports.free(), Ports.free());
        env.put("MESHGATE_PKI", empty.toString());

        Exit exit = run(WORK.resolve("broker-image/opt/meshgate/broker-entrypoint.sh"), env);

        assertEquals(64, exit.code(), exit.output());
        assertTrue(exit.output().contains(empty.resolve("broker.password") + " is missing or unreadable"), exit.output());
    }

    @Test
    void aBrokerOfAPairWithoutItsPeerRefusesToStart() throws Exception {
        Map<String, String> env = brokerEnvironment("broker-backup", BACKUP_PORT, PRIMARY_PORT);
        env.remove("MESHGATE_BROKER_PEER_HOST");

        Exit exit = run(WORK.resolve("broker-image/opt/meshgate/broker-entrypoint.sh"), env);

        assertTrue(exit.code() != 0, exit.output());
        assertTrue(exit.output().contains("set MESHGATE_BROKER_PEER_HOST to the other broker of the pair"),
                exit.output());
    }

    @Test
    void aNodeWithoutItsPkiRefusesToStartAndNamesTheMissingFile() throws Exception {
        Path empty = Files.createDirectories(WORK.resolve("empty-pki"));
        Map<String, String> env = nodeEnvironment("node-9", Ports.free());
        env.put("MESHGATE_PKI", empty.toString());

        Exit exit = run(WORK.resolve("payara-image/opt/meshgate/node-entrypoint.sh"), env);

        assertEquals(64, exit.code(), exit.output());
        assertTrue(exit.output().contains(empty.resolve("ca.pem") + " is missing or unreadable"), exit.output());
        assertTrue(exit.output().contains("bin/meshgate pki --nodes node-9"), exit.output());
    }

    @Test
    void aNodeWithoutAnIdRefusesToStart() throws Exception {
        Map<String, String> env = nodeEnvironment("node-9", Ports.free());
        env.remove("MESHGATE_NODE_ID");
        env.put("MESHGATE_HOME", WORK.resolve("wildfly-image/opt/meshgate").toString());

        Exit exit = run(WORK.resolve("wildfly-image/opt/meshgate/wildfly-entrypoint.sh"), env);

        assertTrue(exit.code() != 0, exit.output());
        assertTrue(exit.output().contains("set MESHGATE_NODE_ID to a unique id per node"), exit.output());
    }

    @Test
    void everyFileTheImagesCopyIsLaidOutByThisTest() throws Exception {
        assertEquals(new TreeSet<>(PAYARA_IMAGE.keySet()), copiedSources("docker/Dockerfile"));
        Set<String> wildFly = new TreeSet<>(WILDFLY_IMAGE.keySet());
        wildFly.addAll(List.of("target/wildfly/wildfly-37.0.1.Final", "target/meshgate.war"));
        assertEquals(wildFly, copiedSources("docker/Dockerfile.wildfly"));
        assertEquals(new TreeSet<>(BROKER_IMAGE.keySet()), copiedSources("docker/Dockerfile.broker"));
    }

    @Test
    void theComposeFileRunsTheBrokersAsAPairOnOneVolumeThatEveryNodeFailsOverBetween() throws Exception {
        JsonNode services = compose().path("services");
        JsonNode primary = services.path("broker-primary");
        JsonNode backup = services.path("broker-backup");
        assertEquals(List.of("primary", "broker-backup", "backup", "broker-primary"), List.of(
                primary.path("environment").path("MESHGATE_BROKER_ROLE").asText(),
                primary.path("environment").path("MESHGATE_BROKER_PEER_HOST").asText(),
                backup.path("environment").path("MESHGATE_BROKER_ROLE").asText(),
                backup.path("environment").path("MESHGATE_BROKER_PEER_HOST").asText()));
        assertEquals(primary.path("volumes"), backup.path("volumes"), "one journal volume and the PKI for both");
        assertEquals("[\"broker-data:/var/lib/meshgate/broker\",\"${MESHGATE_PKI:-../.meshgate/pki}:/run/meshgate/pki:ro\"]",
                primary.path("volumes").toString());
        assertFalse(primary.path("environment").has("MESHGATE_BROKER_OPEN") || backup.path("environment").has("MESHGATE_BROKER_OPEN"),
                "a broker runs without a password");
        for (String node : List.of("node-1", "node-2", "node-3")) {
            JsonNode env = services.path(node).path("environment");
            assertEquals(List.of("broker-primary", "broker-backup"), List.of(env.path("MESHGATE_BROKER_HOST").asText(),
                    env.path("MESHGATE_BROKER_BACKUP_HOST").asText()), node);
        }
    }

    @Test
    void theComposeFileKeepsTheBrokersOnAnInternalNetworkThatOnlyTheNodesJoin() throws Exception {
        JsonNode compose = compose();
        JsonNode services = compose.path("services");
        assertTrue(compose.path("networks").path("brokers").path("internal").asBoolean(), "the brokers' network is internal");
        for (String broker : List.of("broker-primary", "broker-backup")) {
            assertEquals("[\"brokers\"]", services.path(broker).path("networks").toString(), broker);
            assertTrue(services.path(broker).path("ports").isMissingNode(), broker + " publishes a port");
        }
        Set<String> onTheBrokersNetwork = new TreeSet<>();
        services.fields().forEachRemaining(s -> {
            JsonNode networks = s.getValue().path("networks");
            if (networks.has("brokers") || networks.toString().contains("\"brokers\"")) {
                onTheBrokersNetwork.add(s.getKey());
            }
        });
        assertEquals(Set.of("broker-primary", "broker-backup", "node-1", "node-2", "node-3"), onTheBrokersNetwork);
    }

    @Test
    void theComposeFileRunsEveryNodeSecureBehindTlsWithOnlyNginxPublished() throws Exception {
        JsonNode services = compose().path("services");
        String nginxAddress = services.path("nginx").path("networks").path("meshgate").path("ipv4_address").asText();
        for (String node : List.of("node-1", "node-2", "node-3")) {
            JsonNode env = services.path(node).path("environment");
            assertFalse(env.has("MESHGATE_PLAIN"), node);
            assertEquals(nginxAddress, env.path("MESHGATE_PROXY_TRUSTED").asText(), node);
            assertTrue(services.path(node).path("volumes").get(0).asText().endsWith(":/run/meshgate/pki:ro"), node);
            assertTrue(services.path(node).path("ports").isMissingNode(), node + " publishes a port");
        }
        assertEquals("8443:8443", services.path("nginx").path("ports").get(0).asText());
        String nginx = Files.readString(HOME.resolve("docker/nginx.conf"));
        assertTrue(nginx.contains("ssl_protocols TLSv1.3;") && nginx.contains("ssl_verify_client on;"), nginx);
    }

    /** {@code bin/meshgate pki --nodes node-1,node-2,node-3}, as compose.yaml's instructions say. */
    private static void makeThePkiVolume() throws Exception {
        ProcessBuilder b = new ProcessBuilder(HOME.resolve("bin/meshgate").toString(), "pki", "--nodes",
                "node-1,node-2,node-3");
        b.environment().put("MESHGATE_RUN_DIR", WORK.resolve("run").toString());
        Exit exit = Exit.of(b);
        assertEquals(0, exit.code(), exit.output());
    }

    /**
     * The broker image's entrypoint run twice, with compose's environment for broker-primary and
     * broker-backup, one journal folder as their shared volume; returns once the primary serves and
     * knows the backup as its standby.
     */
    private static void startTheBrokerPair() throws Exception {
        layOut(BROKER_IMAGE, WORK.resolve("broker-image/opt/meshgate"));
        Path entrypoint = WORK.resolve("broker-image/opt/meshgate/broker-entrypoint.sh");
        primary = start("broker-primary", entrypoint, brokerEnvironment("broker-primary", PRIMARY_PORT, BACKUP_PORT));
        primary.awaitLine(l -> l.contains("meshgate broker ready"), BOOT);
        backup = start("broker-backup", entrypoint, brokerEnvironment("broker-backup", BACKUP_PORT, PRIMARY_PORT));
        backup.awaitLine(l -> l.contains(BACKUP_ANNOUNCED), BOOT);
    }

    /** A broker's environment as compose.yaml gives it, with this machine's addresses, ports and journal folder over it. */
    private static Map<String, String> brokerEnvironment(String service, int port, int peerPort) throws IOException {
        Map<String, String> env = composedEnvironment(service);
        env.put("MESHGATE_BROKER_PORT", Integer.toString(port));
        env.put("MESHGATE_BROKER_PEER_PORT", Integer.toString(peerPort));
        env.put("MESHGATE_BROKER_BIND", "127.0.0.1");
        env.put("MESHGATE_BROKER_HOST", "127.0.0.1");
        env.put("MESHGATE_BROKER_PEER_HOST", "127.0.0.1");
        env.put("MESHGATE_BROKER_DATA", WORK.resolve("broker-data").toString());
        env.put("MESHGATE_PKI", PKI.toString());
        env.put("MESHGATE_HOME", WORK.resolve("broker-image/opt/meshgate").toString());
        env.put("JAVA_OPTS", "-Xmx256m");
        return env;
    }

    /** The Payara image's /opt/meshgate. */
    private static Path payaraImage() throws IOException {
        Path root = WORK.resolve("payara-image/opt/meshgate");
        layOut(PAYARA_IMAGE, root);
        return root;
    }

    /**
     * The WildFly image: its /opt/meshgate, and its build step (wildfly-configure.sh) run on a copy of
     * WildFly's standalone folder, the image's /opt/wildfly/standalone; returns that copy.
     */
    private static Path wildFlyImage() throws Exception {
        Path root = WORK.resolve("wildfly-image/opt/meshgate");
        layOut(WILDFLY_IMAGE, root);
        Path base = WORK.resolve("wildfly-image/opt/wildfly/standalone");
        Folders.copy(WildFlyServer.home(HOME).resolve("standalone"), base);
        Map<String, String> env = new HashMap<>(wildFlyLayout(base));
        Exit configured = run(root.resolve("wildfly-configure.sh"), env);
        assertEquals(0, configured.code(), configured.output());
        Files.copy(HOME.resolve("target/meshgate.war"), base.resolve("deployments/ROOT.war"));
        return base;
    }

    /** Where the WildFly image's scripts find WildFly (the build's, read only) and its server base folder. */
    private static Map<String, String> wildFlyLayout(Path base) {
        return Map.of("MESHGATE_HOME", WORK.resolve("wildfly-image/opt/meshgate").toString(),
                "JBOSS_HOME", WildFlyServer.home(HOME).toString(), "JBOSS_BASE_DIR", base.toString());
    }

    /**
     * A node's environment as compose.yaml gives it (node-1's for a node compose does not name),
     * with this machine's broker, proxy, PKI folder, port and bind address over it.
     */
    private static Map<String, String> nodeEnvironment(String nodeId, int port) throws IOException {
        Map<String, String> env = composedEnvironment(compose().path("services").has(nodeId) ? nodeId : "node-1");
        env.put("MESHGATE_NODE_ID", nodeId);
        env.put("MESHGATE_BROKER_HOST", "127.0.0.1");
        env.put("MESHGATE_BROKER_PORT", Integer.toString(PRIMARY_PORT));
        env.put("MESHGATE_BROKER_BACKUP_HOST", "127.0.0.1");
        env.put("MESHGATE_BROKER_BACKUP_PORT", Integer.toString(BACKUP_PORT));
        env.put("MESHGATE_PROXY_TRUSTED", "127.0.0.1");
        env.put("MESHGATE_PKI", PKI.toString());
        env.put("MESHGATE_HTTP_PORT", Integer.toString(port));
        env.put("MESHGATE_BIND_ADDRESS", "127.0.0.1");
        env.put("MESHGATE_HOME", WORK.resolve("payara-image/opt/meshgate").toString());
        env.put("JAVA_OPTS", "-Xmx384m");
        return env;
    }

    /** The environment compose.yaml gives a service. */
    private static Map<String, String> composedEnvironment(String service) throws IOException {
        Map<String, String> env = new HashMap<>();
        compose().path("services").path(service).path("environment").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertFalse(env.isEmpty(), "compose.yaml gives " + service + " no environment");
        return env;
    }

    private static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(HOME.resolve("docker/compose.yaml").toFile());
    }

    /** docker/nginx.conf with the test's node addresses, port and PKI folder; returns the access point. */
    private static URI startNginx(List<Integer> nodePorts) throws Exception {
        int port = Ports.free();
        String conf = Files.readString(HOME.resolve("docker/nginx.conf"));
        StringBuilder upstreams = new StringBuilder();
        for (int p : nodePorts) {
            upstreams.append("        server 127.0.0.1:").append(p).append(" max_fails=0;\n");
        }
        conf = conf.replaceAll("(?m)^ *server node-\\d+:8080 max_fails=0;\\n", "")
                .replace("least_conn;\n", "least_conn;\n" + upstreams)
                .replace("listen 8443 ssl;", "listen 127.0.0.1:" + port + " ssl;")
                .replace("/run/meshgate/pki", PKI.toString())
                .replace("pid /tmp/nginx.pid;", "pid " + WORK.resolve("nginx.pid") + ";");
        Path file = WORK.resolve("nginx.conf");
        Files.writeString(file, conf);
        LoggedProcess nginx = start("nginx", Path.of("/usr/sbin/nginx"), Map.of(), "-p", WORK.toString(), "-c",
                file.toString(), "-g", "daemon off;");
        nginx.awaitListening(port);
        return URI.create("wss://127.0.0.1:" + port + "/ws");
    }

    private static Set<String> copiedSources(String dockerfile) throws IOException {
        Set<String> sources = new TreeSet<>();
        for (String line : Files.readAllLines(HOME.resolve(dockerfile))) {
            if (line.startsWith("COPY ")) {
                String[] words = line.substring(5).trim().split("\\s+");
                sources.addAll(List.of(words).subList(0, words.length - 1));
            }
        }
        return sources;
    }

    /** Copies each file or folder of the project to its place under {@code root}, as a Dockerfile's COPY does. */
    private static void layOut(Map<String, String> files, Path root) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path source = HOME.resolve(f.getKey());
            Path target = root.resolve(f.getValue());
            Files.createDirectories(target.getParent());
            if (Files.isDirectory(source)) {
                Folders.copy(source, target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static LoggedProcess start(String name, Path program, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        LoggedProcess p = new LoggedProcess(b.start(), WORK.resolve(name + ".log"));
        running.add(p);
        return p;
    }

    private static Exit run(Path program, Map<String, String> env) throws Exception {
        ProcessBuilder b = new ProcessBuilder(program.toString());
        b.environment().putAll(env);
        return Exit.of(b);
    }

    /** How a short command ended: its exit code and its output (stdout and stderr). */
    private record Exit(int code, String output) {
        static Exit of(ProcessBuilder b) throws Exception {
            Process p = b.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running: " + b.command());
            return new Exit(p.exitValue(), out);
        }
    }

    /**
     * A long-running process whose output goes to a log file, line by line, on a thread of its own,
     * so that a test can wait for a line (an event) instead of polling.
     */
    private static final class LoggedProcess {
        private final Process process;
        private final Path log;
        private final List<Waiter> waiters = new ArrayList<>();
        /** Every line so far: a waiter that comes after its line has gone by still sees it. */
        private final List<String> lines = new ArrayList<>();

        private record Waiter(Predicate<String> line, CompletableFuture<String> seen) {
        }

        LoggedProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }));
            Thread reader = new Thread(this::copy, "log-" + log.getFileName());
            reader.setDaemon(true);
            reader.start();
        }

        private void copy() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    synchronized (waiters) {
                        lines.add(line);
                        for (Waiter w : waiters) {
                            if (w.line().test(line)) {
                                w.seen().complete(line);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                synchronized (waiters) {
                    waiters.forEach(w -> w.seen().completeExceptionally(new AssertionError(
                            "the process ended (exit " + process.onExit().join().exitValue() + "); see " + log)));
                }
            }
        }

        /** Returns once the output shows a line that matches; fails when the process ends first or after {@code bound}. */
        void awaitLine(Predicate<String> line, Duration bound) throws Exception {
            CompletableFuture<String> seen = new CompletableFuture<>();
            synchronized (waiters) {
                lines.stream().filter(line).findFirst().ifPresent(seen::complete);
                if (!process.isAlive() && !seen.isDone()) {
                    throw new AssertionError("the process ended (exit " + process.exitValue() + "); see " + log);
                }
                waiters.add(new Waiter(line, seen));
            }
            try {
                seen.get(bound.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no such line after " + bound.toSeconds() + " s; see " + log);
            }
        }

        /** Returns once something listens on the port (nginx says nothing when it is ready). */
        void awaitListening(int port) throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Ports.listening(port)) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new AssertionError("nothing listens on " + port + "; see " + log);
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }

        /** SIGKILL, as {@code docker kill} sends: no orderly stop. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
