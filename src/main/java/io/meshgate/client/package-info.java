/**
 * The Java client SDK: connect to an access point, call services, listen for pushes, close. It
 * retries {@code UNAVAILABLE} within a call's timeout and resumes its session on another node
 * when the connection drops or the node drains.
 * Uses the JDK's own WebSocket client and only the {@code wire} package of meshgate; no
 * {@code jakarta.*}.
 *
 * <p>Threading: {@link io.meshgate.client.MeshgateClient} is thread-safe; results and pushes are
 * delivered on the JDK HTTP client's threads, so listeners must not block; a resume runs on a
 * thread of its own.
 */
package io.meshgate.client;
