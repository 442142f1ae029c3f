/**
 * Health checks (MicroProfile Health): readiness that proves the messaging paths work.
 *
 * <p>Threading: checks are called by the health endpoint's request threads and only read state.
 */
package io.meshgate.health;
