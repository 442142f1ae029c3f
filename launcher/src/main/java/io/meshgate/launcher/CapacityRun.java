package io.meshgate.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.wire.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Capacity mode of {@code bin/meshgate bench}: opens N idle secure sessions through the access
 * point (or straight to one node's own TLS listener) and reports the connect rate and the nodes'
 * heap (after a full GC) and RSS per session; run it on a one-node cluster for the figures of one
 * node. Connections come from 127.0.0.1, then 127.0.0.2 … every {@link #PER_SOURCE}
 * sessions, because one source address has only about 28,000 ephemeral ports. The generator's own
 * CPU per session is reported beside the node's, so a reader can see which side limited the rate.
 */
final class CapacityRun {

    /** Sessions per source address. */
    static final int PER_SOURCE = 25_000;
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern GAUGE = Pattern.compile("(?m)^meshgate_sessions (\\S+)");

    /**
     * A capacity run's settings.
     *
     * @param connections sessions to open
     * @param idleSeconds how long to hold them before measuring
     * @param threads     connecting threads
     */
    record Settings(int connections, int idleSeconds, int threads) {
        Settings {
            if (connections < 1 || idleSeconds < 0 || threads < 1) {
                throw new IllegalArgumentException("connections and threads must be positive");
            }
        }
    }

    private final List<ClusterState.Node> nodes;
    private final long proxyPid;
    private final URI target;
    private final ClientOptions options;
    private final PrintStream progress;

    /**
     * @param nodes    the nodes the sessions land on (all of them through the access point)
     * @param proxyPid nginx's process id when the sessions go through it, else 0
     */
    CapacityRun(List<ClusterState.Node> nodes, long proxyPid, URI target, ClientOptions options,
                PrintStream progress) {
        this.nodes = List.copyOf(nodes);
        this.proxyPid = proxyPid;
        this.target = target;
        this.options = options;
        this.progress = progress;
    }

    /** Opens, holds, measures and closes; returns the JSON result. */
    ObjectNode run(Settings s) throws Exception {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("target", target.toString()).put("connections", s.connections()).put("threads", s.threads())
                .put("idle", s.idleSeconds());
        ArrayNode ids = out.putArray("nodes");
        ObjectNode fileLimits = out.putObject("fileLimit");
        for (ClusterState.Node n : nodes) {
            ids.add(n.id());
            fileLimits.put(n.id(), raiseFileLimit(n.pid(), s.connections() + 4096L));
        }
        long heapBefore = heapAfterFullGc();
        long rssBefore = sum(n -> rss(n.pid()));
        long proxyRssBefore = proxyPid == 0 ? 0 : treeRss(proxyPid);
        long nodeCpuBefore = sum(n -> ProcessCpu.micros(n.pid()));
        long proxyCpuBefore = proxyPid == 0 ? 0 : ProcessCpu.micros(proxyPid);
        long selfCpuBefore = ProcessCpu.micros(ProcessHandle.current().pid());
        List<RawSession> sessions = new java.util.ArrayList<>();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        try {
            long t0 = System.nanoTime();
            sessions.addAll(open(s, failures));
            double seconds = (System.nanoTime() - t0) / 1e9;
            int opened = sessions.size();
            out.put("opened", opened).put("connectSeconds", Math.round(seconds * 10) / 10.0)
                    .put("connectRate", Math.round(opened / seconds));
            ObjectNode failed = out.putObject("failed");
            new TreeMap<>(failures).forEach(failed::put);
            out.put("nodeCpuUsPerSession", perSession(sum(n -> ProcessCpu.micros(n.pid())) - nodeCpuBefore, opened))
                    .put("proxyCpuUsPerSession", perSession(proxyPid == 0 ? 0
                            : ProcessCpu.micros(proxyPid) - proxyCpuBefore, opened))
                    .put("generatorCpuUsPerSession", perSession(
                            ProcessCpu.micros(ProcessHandle.current().pid()) - selfCpuBefore, opened));
            progress.printf("%d sessions open; holding them for %d s%n", opened, s.idleSeconds());
            Thread.sleep(s.idleSeconds() * 1000L);
            out.put("nodeSessions", sum(CapacityRun::nodeSessions));
            long heapAfter = heapAfterFullGc();
            long rssAfter = sum(n -> rss(n.pid()));
            out.put("heapBeforeBytes", heapBefore).put("heapAfterBytes", heapAfter)
                    .put("rssBeforeBytes", rssBefore).put("rssAfterBytes", rssAfter)
                    .put("heapPerSessionBytes", perSession(heapAfter - heapBefore, opened))
                    .put("rssPerSessionBytes", perSession(rssAfter - rssBefore, opened));
            if (proxyPid != 0) {
                out.put("proxyRssPerSessionBytes", perSession(treeRss(proxyPid) - proxyRssBefore, opened));
            }
            out.put("generatorHeapBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        } finally {
            sessions.forEach(RawSession::close);
        }
        return out;
    }

    private static long perSession(long total, int sessions) {
        return sessions == 0 ? 0 : total / sessions;
    }

    @FunctionalInterface
    private interface NodeFigure {
        long of(ClusterState.Node node) throws IOException, InterruptedException;
    }

    /** A figure summed over the measured nodes. */
    private long sum(NodeFigure figure) throws IOException, InterruptedException {
        long total = 0;
        for (ClusterState.Node n : nodes) {
            total += figure.of(n);
        }
        return total;
    }

    private long heapAfterFullGc() throws IOException, InterruptedException {
        return sum(n -> heapAfterFullGc(n.pid())[1]);
    }

    private static long treeRss(long pid) {
        return ProcessCpu.overTree(pid, CapacityRun::rss);
    }

    private List<RawSession> open(Settings s, Map<String, Long> failures) throws Exception {
        SSLContext tls = options.security() == null ? null : options.security().tlsContext();
        ConcurrentLinkedQueue<RawSession> opened = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(s.threads());
        long start = System.nanoTime();
        for (int t = 0; t < s.threads(); t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < s.connections(); i = next.getAndIncrement()) {
                    try {
                        opened.add(RawSession.open(target, tls, source(i), options.newFrameLayer()));
                    } catch (IOException | RuntimeException e) {
                        failures.merge(reason(e), 1L, Long::sum);
                    }
                }
            });
        }
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.printf("connecting: %d open, %.0f/s, %d failed%n", opened.size(), opened.size() / seconds,
                    failures.values().stream().mapToLong(Long::longValue).sum());
        }
        return List.copyOf(opened);
    }

    /** 127.0.0.1 for the first {@link #PER_SOURCE} sessions, then 127.0.0.2 … */
    static InetAddress source(int i) {
        int host = 1 + i / PER_SOURCE;
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) host});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 80 ? m.substring(0, 80) : m;
    }

    /** Total and used heap after a full GC, in bytes, from {@code jcmd}. */
    static long[] heapAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no heap figures from jcmd " + pid + " GC.heap_info");
        }
        return new long[] {Long.parseLong(m.group(1)) * 1024, Long.parseLong(m.group(2)) * 1024};
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + text);
        }
        return text;
    }

    /** Resident set size in bytes, from /proc; 0 for a process that is gone. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Raises the node's open-file limit to {@code needed} with {@code prlimit} when it is lower
     * (this needs root); returns the limit in force afterwards.
     */
    static long raiseFileLimit(long pid, long needed) throws IOException, InterruptedException {
        long current = fileLimit(pid);
        if (current < needed) {
            new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--nofile=" + needed + ":" + needed)
                    .redirectErrorStream(true).start().waitFor();
        }
        return fileLimit(pid);
    }

    private static long fileLimit(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /** The node's {@code meshgate_sessions} gauge. */
    private static long nodeSessions(ClusterState.Node node) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.url() + "/api/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = GAUGE.matcher(r.body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }
}
