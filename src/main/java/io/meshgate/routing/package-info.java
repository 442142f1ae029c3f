/**
 * The ingress side of the flow: publishing a client's request on its service topic, the table of
 * pending requests (each ends exactly once: reply, error or timeout) and the delivery of replies
 * that arrive on this node's reply destination. Requests are published by
 * {@link io.meshgate.routing.RequestPublisher} threads, never by a socket reader, several to one
 * service in one batch message when they wait together; while the broker
 * is lost or the cluster view is not yet known, requests are refused {@code UNAVAILABLE}, with the retry advice of {@link io.meshgate.routing.RetryAdvice}.
 * {@link io.meshgate.routing.SessionHandover} parks the answers of sessions that left this node
 * and collects, for a resumed session, the answers waiting on the parked queue and on its previous
 * node's reply queue.
 *
 * <p>Threading: socket reader threads submit, publisher threads send, reply listener threads,
 * collector threads and the request timer (timeouts) complete; the reply path probe (every second, and at
 * once when {@link io.meshgate.messaging.BrokerWatch} says the broker connection is back) has two threads of its own; {@link io.meshgate.routing.PendingRequests} arbitrates with one atomic
 * removal per request. Depends on {@code cluster}, {@code service} (topic names),
 * {@code messaging}, {@code envelope}, {@code wire}.
 */
package io.meshgate.routing;
