package io.meshgate.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The node's counters and gauges, rendered in the Prometheus text format. Counter names end in
 * {@code _total}; a label set is written into the key as Prometheus writes it, e.g.
 * {@code meshgate_requests_total{outcome="ok"}}. Thread-safe and cheap on the hot path (one map
 * look-up and a {@link LongAdder} increment).
 */
@ApplicationScoped
public class Metrics {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, IntSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<String, String> help = new ConcurrentHashMap<>();
    private final RequestStats requests = new RequestStats();
    private final ProtocolErrors protocolErrors = new ProtocolErrors();

    /**
     * A client's request ended on this (its ingress) node: counts it in
     * {@code meshgate_requests_total{outcome}} and in the service's {@link RequestStats}.
     *
     * @param outcome       {@code ok} or the error code
     * @param latencyMicros from its arrival to its answer
     */
    public void requestEnded(String service, String outcome, long latencyMicros) {
        increment("meshgate_requests_total", "outcome", outcome);
        requests.record(service, outcome, latencyMicros);
    }

    /** Per-service outcomes and latencies of the requests that ended on this node. */
    public RequestStats requestStats() {
        return requests;
    }

    /**
     * A protocol error (a refused frame, handshake or certificate): counts it in
     * {@code meshgate_protocol_errors_total{kind}} and keeps it among the {@link ProtocolErrors}.
     */
    public void protocolError(String kind, String session, String message) {
        increment("meshgate_protocol_errors_total", "kind", kind);
        protocolErrors.record(java.time.Instant.now(), kind, session, message);
    }

    /** The last protocol errors of this node, newest first. */
    public java.util.List<ProtocolErrors.Entry> recentProtocolErrors() {
        return protocolErrors.recent();
    }

    /** Adds one to a counter. */
    public void increment(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** Adds one to a counter with one label. */
    public void increment(String name, String label, String value) {
        increment(name + "{" + label + "=\"" + escape(value) + "\"}");
    }

    /** Adds {@code n} to a counter with one label. */
    public void add(String name, String label, String value, long n) {
        counters.computeIfAbsent(name + "{" + label + "=\"" + escape(value) + "\"}", k -> new LongAdder()).add(n);
    }

    /** The current value of a counter (with its labels written into the name). */
    public long count(String key) {
        LongAdder a = counters.get(key);
        return a == null ? 0 : a.sum();
    }

    /** Registers a gauge read when the metrics are rendered. */
    public void gauge(String name, String description, IntSupplier value) {
        gauges.put(name, value);
        help.put(name, description);
    }

    /** All metrics in the Prometheus text exposition format. */
    public String render() {
        StringBuilder out = new StringBuilder();
        Map<String, Long> sorted = new TreeMap<>();
        counters.forEach((k, v) -> sorted.put(k, v.sum()));
        String lastFamily = null;
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            String family = e.getKey().split("\\{", 2)[0];
            if (!family.equals(lastFamily)) {
                out.append("# TYPE ").append(family).append(" counter\n");
                lastFamily = family;
            }
            out.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        new TreeMap<>(gauges).forEach((name, g) -> out.append("# HELP ").append(name).append(' ')
                .append(help.get(name)).append("\n# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(g.getAsInt()).append('\n'));
        return out.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
