package io.meshgate.launcher;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.ClientSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a running local cluster is made of, as written to {@code <run dir>/cluster.json}: enough
 * for another command (status, call, down, chaos) to find, stop and start again every process.
 * A state file without the newer fields (command lines, logs) still reads; fields this version
 * does not know are ignored.
 *
 * @param accessPoint the WebSocket URL clients use (nginx, or the first node without it)
 * @param broker      the broker process
 * @param nodes       the node processes
 * @param nginx       the nginx master process, or null when nginx was not started
 * @param logs        the folder holding every process's log
 * @param pki         the client's TLS and secure-channel material, or null for a plain cluster
 * @param backup      the backup broker of an HA pair (then {@code broker} is the primary), or null
 */
public record ClusterState(String accessPoint, Proc broker, List<Node> nodes, Proc nginx, String logs, Pki pki,
                           Proc backup) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** A state with one broker. */
    public ClusterState(String accessPoint, Proc broker, List<Node> nodes, Proc nginx, String logs, Pki pki) {
        this(accessPoint, broker, nodes, nginx, logs, pki, null);
    }

    public ClusterState {
        Objects.requireNonNull(accessPoint, "accessPoint");
        Objects.requireNonNull(broker, "broker");
        nodes = List.copyOf(nodes);
    }

    /** Options for a client of this cluster: its PKI's client certificate and root CA, if it has a PKI. */
    public ClientOptions clientOptions() throws IOException {
        ClientOptions.Builder options = ClientOptions.builder();
        if (pki != null) {
            options.secure(ClientSecurity.fromPem(Path.of(pki.caCert()), Path.of(pki.clientCert()),
                    Path.of(pki.clientKey())));
        }
        return options.build();
    }

    /** CPU microseconds used so far by the broker, each node and nginx (with its workers). */
    public Map<String, Long> serverCpuMicros() {
        Map<String, Long> cpu = new TreeMap<>();
        cpu.put("broker", ProcessCpu.micros(broker.pid()));
        if (backup != null) {
            cpu.put("broker-backup", ProcessCpu.micros(backup.pid()));
        }
        nodes.forEach(n -> cpu.put(n.id(), ProcessCpu.micros(n.pid())));
        if (nginx != null) {
            cpu.put("nginx", ProcessCpu.micros(nginx.pid()));
        }
        return cpu;
    }

    /**
     * A process with the address it serves, and how to start it again.
     *
     * @param command its command line (run in the run dir), empty when not recorded
     * @param log     the file its output goes to, or null when not recorded
     */
    public record Proc(String url, long pid, List<String> command, String log) {
        public Proc {
            command = command == null ? List.of() : List.copyOf(command);
        }

        public Proc(String url, long pid) {
            this(url, pid, List.of(), null);
        }

        /** The same process started again under another pid. */
        public Proc withPid(long newPid) {
            return new Proc(url, newPid, command, log);
        }
    }

    /**
     * A node process; {@code tlsUrl} is its own HTTPS listener, or null without TLS.
     *
     * @param command   its command line (run in the run dir), empty when not recorded
     * @param log       the file its output goes to, or null when not recorded
     * @param server    the application server it runs on (Payara Micro when not recorded)
     * @param healthUrl its MicroProfile Health readiness URL ({@code <url>/health/ready} when not recorded)
     */
    public record Node(String id, String url, int port, long pid, String tlsUrl, List<String> command, String log,
                       ServerKind server, String healthUrl) {
        public Node {
            Objects.requireNonNull(id, "id");
            command = command == null ? List.of() : List.copyOf(command);
            server = server == null ? ServerKind.PAYARA : server;
            healthUrl = healthUrl == null && url != null ? url + "/health/ready" : healthUrl;
        }

        public Node(String id, String url, int port, long pid, String tlsUrl, List<String> command, String log) {
            this(id, url, port, pid, tlsUrl, command, log, null, null);
        }

        public Node(String id, String url, int port, long pid, String tlsUrl) {
            this(id, url, port, pid, tlsUrl, List.of(), null);
        }

        /** The same node started again under another pid. */
        public Node withPid(long newPid) {
            return new Node(id, url, port, newPid, tlsUrl, command, log, server, healthUrl);
        }

        /** The WebSocket URL of this node, bypassing nginx: its own TLS listener when it has one. */
        public String socketUrl() {
            return (tlsUrl != null ? tlsUrl : url).replaceFirst("^http", "ws") + "/ws";
        }
    }

    /** Where a client finds its PKI material (PEM files, and the PKCS#12 file for browsers). */
    public record Pki(String caCert, String clientCert, String clientKey, String clientP12, String denyList) { }

    /**
     * The operators' console through the access point ({@code https://host:port/console/}), or null
     * for a plain cluster: without TLS there is no client certificate to name as operator.
     */
    public String consoleUrl() {
        if (pki == null || !accessPoint.startsWith("wss://")) {
            return null;
        }
        return page("/console/");
    }

    /** The portal demo through the access point ({@code https://host:port/demo/}), or null for a plain cluster. */
    public String demoUrl() {
        return consoleUrl() == null ? null : page("/demo/");
    }

    private String page(String path) {
        return accessPoint.replaceFirst("^wss://", "https://").replaceFirst("/ws$", path);
    }

    /** This state with another node list. */
    public ClusterState withNodes(List<Node> newNodes) {
        return new ClusterState(accessPoint, broker, newNodes, nginx, logs, pki, backup);
    }

    /** This state with a node replaced by one of the same id (a node started again). */
    public ClusterState with(Node node) {
        return withNodes(nodes.stream().map(n -> n.id().equals(node.id()) ? node : n).toList());
    }

    /** This state with another broker process (the broker started again). */
    public ClusterState withBroker(Proc newBroker) {
        return new ClusterState(accessPoint, newBroker, nodes, nginx, logs, pki, backup);
    }

    /** A node of this state by id. */
    public Node node(String nodeId) {
        return nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    /** This state with one more node. */
    public ClusterState plus(Node node) {
        List<Node> n = new ArrayList<>(nodes);
        n.add(node);
        return withNodes(n);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    }

    public static ClusterState read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), ClusterState.class);
    }

    /** Whether a process is still alive. */
    public static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
