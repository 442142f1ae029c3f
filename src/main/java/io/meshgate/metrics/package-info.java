/**
 * The node's counters and gauges and their Prometheus endpoint ({@code /api/metrics}).
 *
 * <p>Threading: {@link io.meshgate.metrics.Metrics} may be called from any thread.
 */
package io.meshgate.metrics;
