package io.meshgate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.wire.Json;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: requests are due at fixed intended times ({@code rate} a second,
 * spread over the sessions in turn), and a request's latency is its answer's arrival minus its
 * intended send time, so a generator or server that falls behind is charged for it (no
 * coordinated omission). Latencies go into an HdrHistogram {@link Recorder}.
 */
final class LoadGenerator {

    /**
     * One run's settings.
     *
     * @param rate     requests per second
     * @param duration measured seconds
     * @param warmup   seconds at the same rate before measuring
     * @param sessions client sessions the requests are spread over
     * @param payload  bytes of JSON per request
     * @param service  target service (its "echo" type)
     */
    record Settings(int rate, int duration, int warmup, int sessions, int payload, String service) {
        Settings {
            if (rate < 1 || duration < 1 || warmup < 0 || sessions < 1 || payload < 16) {
                throw new IllegalArgumentException("rate, duration and sessions must be positive, payload at least 16");
            }
        }
    }

    /** What a measured phase gave, with the CPU microseconds each server process used during it. */
    record Result(Settings settings, double achieved, Histogram latency, Map<String, Long> errors, long completed,
                  Map<String, Long> cpuMicros) { }

    private final ClientOptions options;
    private final URI access;
    private final PrintStream progress;

    LoadGenerator(URI access, ClientOptions options, PrintStream progress) {
        this.access = access;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Opens the sessions, warms up, measures, closes the sessions.
     *
     * @param cpu reads the CPU microseconds used so far by each server process
     */
    Result run(Settings s, java.util.function.Supplier<Map<String, Long>> cpu) throws InterruptedException {
        List<MeshgateClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < s.sessions(); i++) {
                clients.add(MeshgateClient.connect(access, options));
            }
            JsonNode params = payload(s.payload());
            if (s.warmup() > 0) {
                phase(clients, s, params, s.warmup(), "warm-up");
            }
            Map<String, Long> before = cpu.get();
            Result r = phase(clients, s, params, s.duration(), "measure");
            Map<String, Long> used = new TreeMap<>();
            cpu.get().forEach((k, v) -> used.put(k, v - before.getOrDefault(k, 0L)));
            return new Result(r.settings(), r.achieved(), r.latency(), r.errors(), r.completed(), used);
        } finally {
            clients.forEach(MeshgateClient::close);
        }
    }

    private Result phase(List<MeshgateClient> clients, Settings s, JsonNode params, int seconds, String name)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Histogram total = new Histogram(3);
        Map<String, Long> errors = new ConcurrentHashMap<>();
        AtomicLong completed = new AtomicLong();
        long intervalNanos = 1_000_000_000L / s.rate();
        long count = (long) s.rate() * seconds;
        long start = System.nanoTime() + 10_000_000;
        long nextReport = start + 1_000_000_000L;
        for (long i = 0; i < count; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            MeshgateClient c = clients.get((int) (i % clients.size()));
            c.call(s.service(), "echo", params, Duration.ofSeconds(10)).whenComplete((r, e) -> {
                long micros = Math.max(0, (System.nanoTime() - intended) / 1_000);
                recorder.recordValue(micros);
                if (e != null || r == null || !r.ok()) {
                    errors.merge(e != null ? "EXCEPTION" : r.errorCode(), 1L, Long::sum);
                }
                completed.incrementAndGet();
            });
            if (System.nanoTime() >= nextReport) {
                nextReport += 1_000_000_000L;
                Histogram h = recorder.getIntervalHistogram();
                total.add(h);
                progress.printf("%s: %d sent, %d answered, p99 so far %.2f ms, errors %d%n", name, i + 1,
                        completed.get(), total.getValueAtPercentile(99) / 1000.0,
                        errors.values().stream().mapToLong(Long::longValue).sum());
            }
        }
        long sendEnd = System.nanoTime();
        long deadline = sendEnd + 15_000_000_000L;
        while (completed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        total.add(recorder.getIntervalHistogram());
        double achieved = completed.get() / ((sendEnd - start) / 1e9);
        long lost = count - completed.get();
        if (lost > 0) {
            errors.merge("NO_ANSWER", lost, Long::sum);
        }
        return new Result(s, achieved, total, new TreeMap<>(errors), completed.get(), Map.of());
    }

    /** A JSON object of about {@code bytes} bytes: {"data":"xxxx..."}. */
    static JsonNode payload(int bytes) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("data", "x".repeat(Math.max(1, bytes - 11)));
        return o;
    }

    /** The result as the one JSON line of {@code bin/meshgate bench --json}. */
    static ObjectNode toJson(Result r) {
        Map<String, Long> cpuMicros = r.cpuMicros();
        ObjectNode o = Json.mapper().createObjectNode();
        Histogram h = r.latency();
        o.put("rate", r.settings().rate()).put("achieved", Math.round(r.achieved() * 10) / 10.0)
                .put("p50Us", h.getValueAtPercentile(50)).put("p90Us", h.getValueAtPercentile(90))
                .put("p99Us", h.getValueAtPercentile(99)).put("p999Us", h.getValueAtPercentile(99.9))
                .put("maxUs", h.getMaxValue());
        ObjectNode errors = o.putObject("errors");
        r.errors().forEach(errors::put);
        o.put("sessions", r.settings().sessions()).put("payload", r.settings().payload())
                .put("service", r.settings().service()).put("duration", r.settings().duration());
        ObjectNode cpu = o.putObject("cpuUs");
        long sum = 0;
        for (Map.Entry<String, Long> e : cpuMicros.entrySet()) {
            cpu.put(e.getKey(), e.getValue());
            sum += e.getValue();
        }
        o.put("serverCpuUsPerRequest", r.completed() == 0 ? 0 : sum / r.completed());
        return o;
    }
}
