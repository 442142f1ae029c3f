/**
 * The node's counters and gauges and their Prometheus endpoint ({@code /api/metrics}), and what
 * the heartbeats report from the same measurements: per-service outcomes and latency histograms of
 * the requests that ended on this node ({@link io.meshgate.metrics.RequestStats}, HdrHistogram) and
 * its last protocol errors ({@link io.meshgate.metrics.ProtocolErrors}).
 *
 * <p>The counters and gauges live in a Micrometer {@code PrometheusMeterRegistry} inside the WAR
 * (not the server's MicroProfile Metrics), which also writes the text format;
 * {@link io.meshgate.metrics.Metrics} keeps each counter by name and label value
 * ({@link io.meshgate.metrics.CounterFamily}) so that counting a known one allocates nothing. Only
 * this package uses Micrometer.
 *
 * <p>Threading: {@link io.meshgate.metrics.Metrics} may be called from any thread; gauges are read
 * on the thread that serves {@code /api/metrics}.
 */
package io.meshgate.metrics;
