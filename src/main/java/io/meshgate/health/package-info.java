/**
 * Health checks (MicroProfile Health): readiness that proves the messaging paths work, and the
 * node's warm-up ({@link io.meshgate.health.NodeWarmup}), which readiness starts once those paths
 * work and which keeps client sessions away until the node's hot paths are compiled.
 *
 * <p>Threading: checks are called by the health endpoint's request threads and only read state;
 * the readiness log runs every second on the managed scheduler; the warm-up has a thread of its own.
 */
package io.meshgate.health;
