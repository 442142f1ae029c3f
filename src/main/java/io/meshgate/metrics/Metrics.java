package io.meshgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The node's counters and gauges in a Micrometer {@link PrometheusMeterRegistry}, rendered in the
 * Prometheus text format. Counter names end in {@code _total} and carry at most one label, e.g.
 * {@code meshgate_requests_total{outcome="ok"}}. Thread-safe and cheap on the hot path: the
 * counters are kept by name and label value, so that counting is one or two map look-ups and an
 * increment; Micrometer's builders run only the first time a name or label value is counted.
 */
@ApplicationScoped
public class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, CounterFamily> families = new ConcurrentHashMap<>();
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
        protocolErrors.record(Instant.now(), kind, session, message);
    }

    /** The last protocol errors of this node, newest first. */
    public List<ProtocolErrors.Entry> recentProtocolErrors() {
        return protocolErrors.recent();
    }

    /** Adds one to a counter. */
    public void increment(String name) {
        Counter c = counters.get(name);
        (c != null ? c : counters.computeIfAbsent(name, n -> Counter.builder(n).register(registry))).increment();
    }

    /** Adds one to a counter with one label. */
    public void increment(String name, String label, String value) {
        family(name, label).counter(value).increment();
    }

    /**
     * Counts batches by size under the label {@code size}, in the buckets 1, 2, 3-4, 5-8, 9-16,
     * 17-32 and 33+ (a bounded label set).
     */
    public void batches(String name, List<Integer> sizes) {
        for (int size : sizes) {
            increment(name, "size", sizeBucket(size));
        }
    }

    static String sizeBucket(int size) {
        if (size <= 2) {
            return Integer.toString(size);
        }
        int upper = Integer.highestOneBit(size - 1) << 1;
        return upper > 32 ? "33+" : (upper / 2 + 1) + "-" + upper;
    }

    /** Adds {@code n} to a counter with one label. */
    public void add(String name, String label, String value, long n) {
        family(name, label).counter(value).increment(n);
    }

    /** The current value of a counter without labels; 0 before its first count. */
    public long count(String name) {
        Counter c = counters.get(name);
        return c == null ? 0 : (long) c.count();
    }

    /** The current value of a counter with one label; 0 before its first count. */
    public long count(String name, String label, String value) {
        CounterFamily f = families.get(name);
        return f == null || !f.label().equals(label) ? 0 : f.count(value);
    }

    /** Registers a gauge read when the metrics are rendered, in place of one of the same name. */
    public void gauge(String name, String description, IntSupplier value) {
        Gauge earlier = registry.find(name).gauge();
        if (earlier != null) {
            registry.remove(earlier);
        }
        // held strongly: Micrometer holds a gauge's object weakly, and ours are lambdas nobody else holds
        Gauge.builder(name, value, IntSupplier::getAsInt).description(description).strongReference(true)
                .register(registry);
    }

    /** All metrics in the Prometheus text exposition format (version 0.0.4). */
    public String render() {
        return registry.scrape();
    }

    private CounterFamily family(String name, String label) {
        CounterFamily f = families.get(name);
        if (f == null) {
            f = families.computeIfAbsent(name, n -> new CounterFamily(n, label, registry));
        }
        if (!f.label().equals(label)) {
            throw new IllegalArgumentException("counter " + name + " is labelled " + f.label() + ", not " + label);
        }
        return f;
    }
}
