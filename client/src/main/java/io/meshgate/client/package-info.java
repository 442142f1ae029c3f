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
 * <p>Sharing: the clients of a process with equal connection settings (TLS or not, the same
 * {@link io.meshgate.client.ClientSecurity}, TLS versions, connect timeout) share one JDK HTTP
 * client, and so one selector thread, one executor and one TLS context
 * ({@link io.meshgate.client.SharedHttpClients}, reference-counted: the last client to end lets it
 * go). Each connection's negotiated TLS protocol and suite come from its own engine: the TLS
 * connects of a shared client take turns until their engine is made.
 *
 * <p>Threading: {@link io.meshgate.client.MeshgateClient} is thread-safe; results and pushes are
 * delivered on the shared HTTP client's threads, so listeners must not block (a slow listener
 * delays every session of the process); inbound frames are opened on that thread where the
 * socket's buffer holds them, without a copy; a resume runs on a thread of its own.
 */
package io.meshgate.client;
