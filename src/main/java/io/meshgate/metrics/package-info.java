/**
 * The node's counters and gauges and their Prometheus endpoint ({@code /api/metrics}), and what
 * the heartbeats report from the same measurements: per-service outcomes and latency histograms of
 * the requests that ended on this node ({@link io.meshgate.metrics.RequestStats}) and its last
 * protocol errors ({@link io.meshgate.metrics.ProtocolErrors}).
 *
 * <p>Threading: {@link io.meshgate.metrics.Metrics} may be called from any thread.
 */
package io.meshgate.metrics;
