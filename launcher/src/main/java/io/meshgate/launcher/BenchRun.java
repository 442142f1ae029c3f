package io.meshgate.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.wire.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One {@code bin/meshgate bench}: measures the gateway at a rate (or finds its maximum sustainable
 * rate and then measures at half of it), measures the broker floor at the same rate in the same
 * run, plots both and gives the result as one JSON object.
 */
final class BenchRun {

    /** A step of the maximum search holds when its p99 is at most this. */
    static final long MAX_P99_US = 50_000;
    /** … its errors at most this fraction of the requests … */
    static final double MAX_ERROR_FRACTION = 0.001;
    /** … and it achieved at least this fraction of the rate. */
    static final double MIN_ACHIEVED_FRACTION = 0.95;

    /**
     * One run's settings.
     *
     * @param rate     requests per second (with {@code max}: the first step)
     * @param duration measured seconds (with {@code max}: of each step)
     * @param warmup   seconds at the rate before measuring
     * @param sessions client sessions the requests are spread over
     * @param payload  bytes of JSON per request
     * @param service  target service (its "echo" type)
     * @param max      search the maximum sustainable rate first
     * @param floor    also measure the broker floor at the same rate
     */
    record Settings(int rate, int duration, int warmup, int sessions, int payload, String service, boolean max,
                    boolean floor) {
        Settings {
            if (rate < 1 || duration < 1 || warmup < 0 || sessions < 1 || payload < 16) {
                throw new IllegalArgumentException("rate, duration and sessions must be positive, payload at least 16");
            }
        }
    }

    /**
     * A measured phase, the CPU microseconds each server process used during it, and those the
     * load generator (this process: its client sessions) used.
     */
    record Measured(LoadGenerator.Phase phase, Map<String, Long> cpuMicros, long clientCpuMicros) {

        long cpuPerRequest() {
            long sum = cpuMicros.values().stream().mapToLong(Long::longValue).sum();
            return perRequest(sum);
        }

        long clientCpuPerRequest() {
            return perRequest(clientCpuMicros);
        }

        private long perRequest(long micros) {
            return phase.completed() == 0 ? 0 : micros / phase.completed();
        }
    }

    private final ClusterState cluster;
    private final URI access;
    private final ClientOptions options;
    private final Path plots;
    private final LoadGenerator generator;
    private final PrintStream progress;

    /**
     * A run against {@code cluster} through {@code access}, writing its plot into {@code plots}.
     *
     * @throws IOException when the cluster's client certificate cannot be read
     */
    BenchRun(ClusterState cluster, URI access, Path plots, PrintStream progress) throws IOException {
        this.cluster = cluster;
        this.access = access;
        this.options = cluster.clientOptions();
        this.plots = plots;
        this.progress = progress;
        this.generator = new LoadGenerator(progress, LoadGenerator.DRAIN);
    }

    /** Runs what the settings ask and returns the JSON result. */
    ObjectNode run(Settings s) throws Exception {
        ObjectNode out = Json.mapper().createObjectNode();
        Measured gateway;
        try (LoadTarget target = new GatewayTarget(access, options, s.sessions(), s.service(), s.payload())) {
            int rate = s.rate();
            if (s.max()) {
                int max = searchMax(target, s, out.putArray("steps"));
                out.put("max", max);
                rate = Math.max(1, max / 2);
                progress.printf("maximum sustained rate %d/s; measuring at half of it, %d/s%n", max, rate);
            }
            gateway = measure(target, rate, s.warmup(), s.duration(), cluster::serverCpuMicros);
        }
        Measured floor = s.floor() ? floor(s, gateway.phase().rate()) : null;
        write(out, gateway, s);
        Map<String, Histogram> series = new LinkedHashMap<>();
        series.put("gateway (" + s.sessions() + " sessions)", gateway.phase().latency());
        if (floor != null) {
            ObjectNode f = out.putObject("floor");
            writePhase(f, floor);
            out.put("p50VsFloor", ratio(gateway.phase().latency().getValueAtPercentile(50),
                    floor.phase().latency().getValueAtPercentile(50)));
            out.put("cpuVsFloor", ratio(gateway.cpuPerRequest(), floor.cpuPerRequest()));
            series.put("broker floor (raw JMS)", floor.phase().latency());
        }
        Path png = plots.resolve("bench-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png");
        out.put("plot", PercentilePlot.write(png, String.format("%d requests/s, %d B JSON, %d s",
                gateway.phase().rate(), s.payload(), s.duration()), series).toString());
        return out;
    }

    private Measured measure(LoadTarget target, int rate, int warmup, int seconds, Supplier<Map<String, Long>> cpu)
            throws InterruptedException {
        warmUp(target, rate, warmup);
        Map<String, Long> before = cpu.get();
        long clientBefore = ProcessCpu.selfMicros();
        LoadGenerator.Phase p = generator.phase(target, rate, seconds, "measure");
        long client = ProcessCpu.selfMicros() - clientBefore;
        Map<String, Long> used = new TreeMap<>();
        cpu.get().forEach((k, v) -> used.put(k, v - before.getOrDefault(k, 0L)));
        return new Measured(p, used, client);
    }

    /**
     * The first half of the warm-up at a quarter of the rate, the second half at the rate: nodes
     * that have just started compile their request path first, and an open-loop generator that
     * overruns them then would only measure the backlog it built.
     */
    private void warmUp(LoadTarget target, int rate, int seconds) throws InterruptedException {
        int gentle = seconds / 2;
        if (gentle > 0) {
            generator.phase(target, Math.max(1, rate / 4), gentle, "warm-up");
        }
        if (seconds - gentle > 0) {
            generator.phase(target, rate, seconds - gentle, "warm-up");
        }
    }

    /**
     * Doubles the rate until a step fails, then halves the gap between the last rate that held and
     * the first that failed until it is within 10 %; returns the last rate that held (0 if none).
     */
    private int searchMax(LoadTarget target, Settings s, ArrayNode steps) throws InterruptedException {
        int held = 0;
        int failed = 0;
        int rate = s.rate();
        warmUp(target, rate, s.warmup());
        while (true) {
            LoadGenerator.Phase p = generator.phase(target, rate, s.duration(), "step");
            boolean ok = holds(p);
            steps.addObject().put("rate", rate).put("achieved", round(p.achieved()))
                    .put("p50Us", p.latency().getValueAtPercentile(50)).put("p99Us", p.latency().getValueAtPercentile(99))
                    .put("errors", p.errorCount()).put("held", ok);
            if (ok) {
                held = rate;
            } else {
                failed = rate;
                Thread.sleep(5_000);
            }
            if (failed == 0) {
                rate *= 2;
            } else if (held == 0 || failed - held <= Math.max(50, held / 10)) {
                return held;
            } else {
                rate = roundTo50((held + failed) / 2);
            }
        }
    }

    /** The rule a step of the maximum search must meet. */
    static boolean holds(LoadGenerator.Phase p) {
        return p.latency().getValueAtPercentile(99) <= MAX_P99_US
                && p.errorCount() <= MAX_ERROR_FRACTION * p.sent()
                && p.achieved() >= MIN_ACHIEVED_FRACTION * p.rate();
    }

    private Measured floor(Settings s, int rate) throws Exception {
        try (FloorTarget floor = new FloorTarget(cluster.broker().url(), s.payload(),
                Path.of(cluster.logs(), "floor-worker.log"))) {
            return measure(floor, rate, Math.max(5, s.warmup()), s.duration(), () -> Map.of(
                    "broker", ProcessCpu.micros(cluster.broker().pid()), "floor-worker", ProcessCpu.micros(floor.workerPid())));
        }
    }

    private static void write(ObjectNode o, Measured m, Settings s) {
        writePhase(o, m);
        o.put("sessions", s.sessions()).put("payload", s.payload()).put("service", s.service())
                .put("duration", s.duration());
    }

    static void writePhase(ObjectNode o, Measured m) {
        LoadGenerator.Phase p = m.phase();
        Histogram h = p.latency();
        o.put("rate", p.rate()).put("achieved", round(p.achieved()))
                .put("p50Us", h.getValueAtPercentile(50)).put("p90Us", h.getValueAtPercentile(90))
                .put("p99Us", h.getValueAtPercentile(99)).put("p999Us", h.getValueAtPercentile(99.9))
                .put("maxUs", h.getMaxValue());
        ObjectNode errors = o.putObject("errors");
        p.errors().forEach(errors::put);
        ObjectNode cpu = o.putObject("cpuUs");
        m.cpuMicros().forEach(cpu::put);
        o.put("serverCpuUsPerRequest", m.cpuPerRequest());
        o.put("clientCpuUsPerRequest", m.clientCpuPerRequest());
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : Math.round(100.0 * a / b) / 100.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static int roundTo50(int rate) {
        return Math.max(50, Math.round(rate / 50f) * 50);
    }
}
