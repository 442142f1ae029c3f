/**
 * The sample services every node hosts: {@code echo}, {@code time} and {@code work} (synthetic
 * CPU cost, delay and failure, for load and failure tests).
 *
 * <p>Threading: handlers run on the request listener's threads and keep no state.
 */
package io.meshgate.service.samples;
