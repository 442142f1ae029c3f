/**
 * The Java client SDK: connect to an access point, call services, subscribe to push topics and
 * listen for pushes, close. It
 * retries {@code UNAVAILABLE} within a call's timeout (after {@link io.meshgate.client.RetryDelay}, with the time left
 * when the retry is sent) and resumes its session on another node
 * when the connection drops or the node drains, naming its push topics in the resume. Over the secure channel it accepts only a node's
 * certificate and checks that {@code hello} and {@code resumed} name the node that certificate
 * names (close 4002 otherwise); whatever it refuses, it closes with that refusal's close code.
 * Uses the JDK's own WebSocket client and only the {@code wire} and {@code crypto} packages of
 * meshgate; no {@code jakarta.*}.
 *
 * <p>Threading: {@link io.meshgate.client.MeshgateClient} is thread-safe; results and pushes are
 * delivered on the JDK HTTP client's threads, so listeners must not block; a resume runs on a
 * thread of its own.
 */
package io.meshgate.client;
