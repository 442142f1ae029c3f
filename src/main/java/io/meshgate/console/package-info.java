/**
 * The operators' console at {@code /console/}: the static page (under {@code src/main/webapp/console/},
 * with its vendored chart library), its data endpoint {@code /console/api/cluster} (every node of
 * the cluster as this node's view knows it from the heartbeats: readiness, load, sessions,
 * services, uptime, per-service rates, errors and latency percentiles, recent protocol errors),
 * and the filter that lets only operators in: a client certificate verified by TLS that
 * {@code meshgate.console.operators} names.
 *
 * <p>Threading: servlet threads only; reads the cluster view, which is thread-safe. Depends on
 * {@code cluster} (the view and the heartbeats' reports), {@code channel} (the verified client
 * certificate, the trusted proxies), {@code crypto.pki} (fingerprints).
 */
package io.meshgate.console;
