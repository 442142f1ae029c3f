package io.meshgate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.wire.Json;
import io.meshgate.wire.MeshgateException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/meshgate}: {@code up [--nodes N] [--no-nginx] [--plain] [--heap SIZE]}, {@code status [--json]},
 * {@code call SERVICE TYPE JSON [--timeout MS] [--url WS_URL] [--repeat N]} (N sequential calls on one
 * session, adding round-trip percentiles to the printed line), {@code down}, {@code pki [client NAME]},
 * {@code bench ...}, {@code chaos SCENARIO ...} (the fault checker, {@link ChaosRun}). The cluster's files
 * live in {@code <home>/.meshgate} ({@code MESHGATE_RUN_DIR} overrides it).
 */
public final class Cli {

    private final Path home;
    private final Path runDir;
    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = Json.mapper();

    Cli(Path home, Path runDir, PrintStream out, PrintStream err) {
        this.home = home;
        this.runDir = runDir;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("meshgate.home", ".")).toAbsolutePath().normalize();
        String run = System.getenv("MESHGATE_RUN_DIR");
        Path runDir = run == null || run.isBlank() ? home.resolve(".meshgate") : Path.of(run).toAbsolutePath();
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int code = new Cli(home, runDir, stdout, stderr).run(List.of(args));
        System.exit(code);
    }

    int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            return usage();
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        return switch (args.get(0)) {
            case "up" -> up(rest);
            case "status" -> status(rest.contains("--json"));
            case "call" -> call(rest);
            case "down" -> down();
            case "pki" -> pki(rest);
            case "bench" -> bench(rest);
            case "drain" -> drain(rest);
            case "restart" -> restart(rest);
            case "chaos" -> chaos(rest);
            default -> usage();
        };
    }

    private int usage() {
        err.println("""
                usage: bin/meshgate up [--nodes N] [--no-nginx] [--plain] [--heap SIZE] [--ha]
                                                   start broker, N nodes (default 3), nginx; TLS and the
                                                   secure channel unless --plain; each node's
                                                   maximum heap (default 512m); --ha: a primary and a
                                                   backup broker (shared store) instead of one
                       bin/meshgate status [--json]                what runs, and whether each node is ready
                       bin/meshgate call SERVICE TYPE JSON [--timeout MS] [--url WS_URL] [--repeat N]
                       bin/meshgate down                           stop what 'up' started
                       bin/meshgate bench [--rate R] [--duration S] [--warmup S] [--sessions N] [--payload BYTES]
                                          [--service ID] [--max] [--no-floor] [--url WS_URL] [--json]
                                                   open-loop load through the access point, then the raw
                                                   broker floor at the same rate; --max finds the highest
                                                   rate that holds and measures at half of it
                       bin/meshgate bench --connections N [--idle S] [--threads T] [--direct [--node ID]] [--json]
                                                   capacity: N idle secure sessions through the access
                                                   point (or straight to one node with --direct);
                                                   connect rate, heap and RSS per session
                       bin/meshgate drain NODE                     drain a node (sessions move, its requests finish)
                                                   and wait until its process has exited
                       bin/meshgate restart --rolling              drain and restart each node in turn, the next
                                                   only once the previous one is ready again
                       bin/meshgate chaos SCENARIO [--rate R] [--duration S] [--sessions N] [--fault-at S] [--down S]
                                          [--warmup S] [--json]
                                                   fault checker: after --warmup seconds of uncounted
                                                   traffic (6), sends at R/s (200) for S s (30) over N
                                                   sessions (20), injects the fault at --fault-at
                                                   (a third of the run), accounts for every request;
                                                   exit 1 when one is lost or answered twice. SCENARIO:
                                                   kill-processing, kill-ingress, kill-broker (--down:
                                                   seconds the broker stays dead, 5), term-node,
                                                   rolling-restart, nginx-reload
                       bin/meshgate pki                            create the local PKI (root CA, nginx, nodes, client)
                       bin/meshgate pki client NAME                issue another client certificate (PEM and PKCS#12)""");
        return 2;
    }

    private int up(List<String> args) throws Exception {
        ClusterState running = runningState();
        if (running != null) {
            out.println("a cluster is already running; access point " + running.accessPoint()
                    + " (bin/meshgate down stops it)");
            return 0;
        }
        int nodes = Integer.parseInt(option(args, "--nodes", "3"));
        boolean nginx = !args.contains("--no-nginx");
        boolean secure = !args.contains("--plain");
        deleteRunFilesButPki();
        long t0 = System.nanoTime();
        LocalCluster cluster = LocalCluster.start(LocalCluster.Options.defaults(home, runDir).withNodes(nodes)
                .withNginx(nginx).withSecure(secure).withNodeHeap(option(args, "--heap", "512m"))
                .withHa(args.contains("--ha")));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        ClusterState s = cluster.state();
        out.printf("broker   %s (pid %d)%n", s.broker().url(), s.broker().pid());
        if (s.backup() != null) {
            out.printf("backup   %s (pid %d, shared store: serves when the primary dies)%n", s.backup().url(),
                    s.backup().pid());
        }
        for (ClusterState.Node n : s.nodes()) {
            out.printf("%-8s %s (pid %d) ready%n", n.id(), n.url(), n.pid());
        }
        if (s.nginx() != null) {
            out.printf("nginx    %s (pid %d)%n", s.nginx().url(), s.nginx().pid());
        }
        out.printf("cluster ready in %.1f s; logs in %s%n", ms / 1000.0, s.logs());
        out.println("access point: " + s.accessPoint());
        if (s.consoleUrl() != null) {
            out.println("console:      " + s.consoleUrl() + " (with the client certificate " + s.pki().clientP12()
                    + ", password " + io.meshgate.crypto.pki.LocalPki.CLIENT_P12_PASSWORD + ")");
            out.println("portal demo:  " + s.demoUrl());
        }
        return 0;
    }

    private int status(boolean asJson) throws IOException, InterruptedException {
        ClusterState s = runningState();
        if (s == null) {
            if (asJson) {
                out.println("{\"running\":false}");
            } else {
                out.println("no cluster is running (bin/meshgate up starts one)");
            }
            return 3;
        }
        ObjectNode root = json.createObjectNode();
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
        print(root, asJson);
        return 0;
    }

    private int call(List<String> args) throws IOException {
        List<String> positional = positional(args, List.of("--timeout", "--url", "--repeat"));
        if (positional.size() != 3) {
            return usage();
        }
        JsonNode params;
        try {
            params = json.readTree(positional.get(2));
        } catch (IOException e) {
            err.println("JSON argument is not valid JSON: " + e.getMessage());
            return 2;
        }
        String url = option(args, "--url", null);
        ClusterState s = runningState();
        if (url == null) {
            if (s == null) {
                err.println("no cluster is running and no --url given");
                return 3;
            }
            url = s.accessPoint();
        }
        ClientOptions options = s == null ? ClientOptions.builder().build() : s.clientOptions();
        Duration timeout = Duration.ofMillis(Long.parseLong(option(args, "--timeout", "10000")));
        int repeat = Integer.parseInt(option(args, "--repeat", "1"));
        ObjectNode line = json.createObjectNode();
        try (MeshgateClient client = MeshgateClient.connect(URI.create(url), options)) {
            long[] rttNanos = new long[repeat];
            Response r = null;
            for (int i = 0; i < repeat && (r == null || r.ok()); i++) {
                long t0 = System.nanoTime();
                r = client.call(positional.get(0), positional.get(1), params, timeout).toCompletableFuture().join();
                rttNanos[i] = System.nanoTime() - t0;
            }
            line.put("ok", r.ok());
            if (r.ok()) {
                line.set("result", r.result());
            } else {
                line.putObject("error").put("code", r.errorCode()).put("message", r.errorMessage());
            }
            line.put("ingressNode", r.ingressNode()).put("processedBy", r.processedBy());
            line.putObject("channel").put("tls", client.tlsSuite()).put("app", client.channelSuite());
            if (repeat > 1) {
                java.util.Arrays.sort(rttNanos);
                line.putObject("rttUs").put("calls", repeat).put("p50", rttNanos[repeat / 2] / 1000)
                        .put("p99", rttNanos[(int) Math.min(repeat - 1, Math.ceil(repeat * 0.99) - 1)] / 1000)
                        .put("max", rttNanos[repeat - 1] / 1000);
            }
            out.println(json.writeValueAsString(line));
            return r.ok() ? 0 : 1;
        } catch (MeshgateException e) {
            line.put("ok", false).putObject("error").put("code", "CONNECT_FAILED").put("message", e.getMessage());
            out.println(json.writeValueAsString(line));
            return 1;
        }
    }

    private int drain(List<String> args) throws IOException, InterruptedException {
        ClusterState s = runningState();
        if (s == null || args.size() != 1) {
            err.println(s == null ? "no cluster is running" : "usage: bin/meshgate drain NODE");
            return s == null ? 3 : 2;
        }
        ClusterState.Node node = s.nodes().stream().filter(n -> n.id().equals(args.get(0))).findFirst().orElse(null);
        if (node == null) {
            err.println("no node " + args.get(0) + " in this cluster");
            return 2;
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.url()
                + "/api/drain")).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            err.println("node " + node.id() + " refused the drain: HTTP " + r.statusCode() + " " + r.body());
            return 1;
        }
        boolean exited = ProcessHandle.of(node.pid()).map(h -> {
            try {
                h.onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }).orElse(true);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        ObjectNode line = json.createObjectNode().put("node", node.id()).put("drained", exited).put("ms", ms);
        out.println(json.writeValueAsString(line));
        return exited ? 0 : 1;
    }

    private int restart(List<String> args) throws Exception {
        if (!args.equals(List.of("--rolling"))) {
            err.println("usage: bin/meshgate restart --rolling");
            return 2;
        }
        if (runningState() == null) {
            err.println("no cluster is running");
            return 3;
        }
        long t0 = System.nanoTime();
        ArrayNode restarted = json.createArrayNode();
        RollingRestart.restartAll(new ClusterProcesses(runDir), id -> {
            restarted.add(id);
            err.printf("%s drained, started again and ready after %.1f s%n", id, (System.nanoTime() - t0) / 1e9);
        });
        ObjectNode line = json.createObjectNode().put("ms", (System.nanoTime() - t0) / 1_000_000);
        line.set("restarted", restarted);
        out.println(json.writeValueAsString(line));
        return 0;
    }

    private int down() throws IOException {
        Path file = LocalCluster.stateFile(runDir);
        if (!Files.exists(file)) {
            out.println("no cluster to stop");
            return 0;
        }
        ClusterState s = ClusterState.read(file);
        LocalCluster.stopAll(s);
        Files.delete(file);
        out.println("stopped " + s.nodes().size() + " nodes" + (s.nginx() != null ? ", nginx" : "") + " and the broker");
        return 0;
    }

    private int bench(List<String> args) throws Exception {
        ClusterState s = runningState();
        if (s == null) {
            err.println("no cluster is running (bin/meshgate up starts one)");
            return 3;
        }
        if (args.contains("--connections")) {
            return capacity(s, args);
        }
        boolean max = args.contains("--max");
        BenchRun.Settings settings = new BenchRun.Settings(
                Integer.parseInt(option(args, "--rate", max ? "250" : "1000")),
                Integer.parseInt(option(args, "--duration", max ? "10" : "20")),
                Integer.parseInt(option(args, "--warmup", "10")), Integer.parseInt(option(args, "--sessions", "50")),
                Integer.parseInt(option(args, "--payload", "1024")), option(args, "--service", "echo"), max,
                !args.contains("--no-floor"));
        ObjectNode line = new BenchRun(s, URI.create(option(args, "--url", s.accessPoint())), runDir.resolve("bench"), err)
                .run(settings);
        print(line, args.contains("--json"));
        return line.get("errors").isEmpty() ? 0 : 1;
    }

    private int chaos(List<String> args) throws Exception {
        List<String> positional = positional(args, List.of("--rate", "--duration", "--sessions", "--fault-at", "--down",
                "--warmup"));
        if (positional.size() != 1) {
            return usage();
        }
        java.util.Optional<Scenario> scenario = Scenario.named(positional.get(0));
        if (scenario.isEmpty()) {
            err.println("unknown scenario '" + positional.get(0) + "'; one of: " + Scenario.names());
            return 2;
        }
        if (args.contains("--ha") && (runningState() == null || runningState().backup() == null)) {
            err.println("--ha needs an HA broker pair: start the cluster with bin/meshgate up --ha");
            return 2;
        }
        ChaosRun.Settings settings;
        try {
            int duration = Integer.parseInt(option(args, "--duration", "30"));
            settings = new ChaosRun.Settings(scenario.get(), Integer.parseInt(option(args, "--rate", "200")), duration,
                    Integer.parseInt(option(args, "--sessions", "20")),
                    Integer.parseInt(option(args, "--fault-at", Integer.toString(duration / 3))),
                    Integer.parseInt(option(args, "--down", "5")),
                    Integer.parseInt(option(args, "--warmup", Integer.toString(ChaosRun.DEFAULT_WARMUP_S))));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        ClusterState s = runningState();
        if (s == null) {
            err.println("no cluster is running (bin/meshgate up starts one)");
            return 3;
        }
        ChaosRun run = new ChaosRun(s, runDir, err);
        try {
            run.check(settings);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        ChaosResult result = run.run(settings);
        print(result.toJson(), args.contains("--json"));
        return result.passed() ? 0 : 1;
    }

    private int capacity(ClusterState s, List<String> args) throws Exception {
        CapacityRun.Settings settings = new CapacityRun.Settings(Integer.parseInt(option(args, "--connections", "1000")),
                Integer.parseInt(option(args, "--idle", "10")), Integer.parseInt(option(args, "--threads", "4")));
        CapacityRun run;
        if (args.contains("--direct")) {
            String nodeId = option(args, "--node", "node-1");
            ClusterState.Node node = s.nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
            String direct = (node.tlsUrl() != null ? node.tlsUrl() : node.url()).replaceFirst("^http", "ws") + "/ws";
            run = new CapacityRun(List.of(node), 0, URI.create(direct), s.clientOptions(), err);
        } else {
            run = new CapacityRun(s.nodes(), s.nginx() == null ? 0 : s.nginx().pid(),
                    URI.create(option(args, "--url", s.accessPoint())), s.clientOptions(), err);
        }
        CapacityRun.raiseFileLimit(ProcessHandle.current().pid(), settings.connections() + 4096L);
        ObjectNode line = run.run(settings);
        print(line, args.contains("--json"));
        return line.get("failed").isEmpty() ? 0 : 1;
    }

    /** A result on stdout: one line with {@code --json}, indented otherwise. */
    private void print(ObjectNode result, boolean oneLine) throws IOException {
        out.println(oneLine ? json.writeValueAsString(result)
                : json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private int pki(List<String> args) throws IOException {
        LocalPki pki = LocalPki.create(LocalPki.defaultDirectory(runDir), List.of());
        if (args.isEmpty()) {
            out.println("root CA       " + pki.caCert());
            out.println("client        " + pki.clientCert() + ", " + pki.clientKey() + ", " + pki.clientP12()
                    + " (PKCS#12 password: " + LocalPki.CLIENT_P12_PASSWORD + ")");
            out.println("nginx         " + pki.nginxCert());
            out.println("deny list     " + pki.denyList());
            return 0;
        }
        if (args.size() == 2 && args.get(0).equals("client")) {
            LocalPki.ClientFiles f = pki.issueClient(args.get(1));
            out.println("issued " + f.cert() + ", " + f.key() + ", " + f.p12() + " (PKCS#12 password: "
                    + LocalPki.CLIENT_P12_PASSWORD + ")");
            return 0;
        }
        return usage();
    }

    private ClusterState runningState() throws IOException {
        Path file = LocalCluster.stateFile(runDir);
        if (!Files.exists(file)) {
            return null;
        }
        ClusterState s = ClusterState.read(file);
        boolean any = ClusterState.alive(s.broker().pid())
                || s.nodes().stream().anyMatch(n -> ClusterState.alive(n.pid()));
        return any ? s : null;
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i + 1);
    }

    private static List<String> positional(List<String> args, List<String> valued) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (valued.contains(args.get(i))) {
                i++;
            } else if (!args.get(i).startsWith("--")) {
                p.add(args.get(i));
            }
        }
        return p;
    }

    /** Clears the run dir of an earlier cluster, keeping the PKI (its CA is what clients trust). */
    private void deleteRunFilesButPki() throws IOException {
        if (!Files.exists(runDir)) {
            return;
        }
        try (var children = Files.list(runDir)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals("pki")) {
                    deleteRecursively(child);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
