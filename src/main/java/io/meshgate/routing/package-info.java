/**
 * The ingress side of the flow: publishing a client's request on its service topic, the table of
 * pending requests (each ends exactly once: reply, error or timeout) and the delivery of replies
 * that arrive on this node's reply destination.
 *
 * <p>Threading: socket reader threads submit, reply listener threads and the managed scheduler
 * (timeouts) complete; {@link io.meshgate.routing.PendingRequests} arbitrates with one atomic
 * removal per request. Depends on {@code cluster}, {@code service} (topic names),
 * {@code messaging}, {@code envelope}, {@code wire}.
 */
package io.meshgate.routing;
