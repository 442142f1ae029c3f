/**
 * Server push: the implementation of {@link io.meshgate.service.Pushes}, which services inject.
 * A push is a {@link io.meshgate.envelope.MeshPush} envelope published on the one multicast
 * address {@value io.meshgate.push.PushPublisher#ADDRESS}; every node consumes it through its own
 * non-durable subscription ({@link io.meshgate.push.PushListener}: translate and hand off) and
 * delivers it to its matching sessions: one session by id, every session of a client identity,
 * or every session subscribed to a topic ({@link io.meshgate.push.PushRegistry}, over the table
 * of {@code Recipients}). Best effort, at most once: what cannot be delivered is dropped and
 * counted, never an error for the service. Owns the push address, the subscription table and the
 * {@code meshgate_push*} metrics.
 *
 * <p>Threading: service threads only queue a push ({@code PushOutbox}, bounded); one sender thread
 * of its own publishes them in order through an ordered publisher, so a lost broker blocks that
 * thread, never a handler. The push listener's one consumer thread delivers, writing to each
 * matching session's socket in turn; socket reader threads change subscriptions; all meet in the
 * table under its lock. Depends on {@code service} (the API it implements), {@code messaging},
 * {@code envelope}, {@code wire}, {@code cluster} (the node id), {@code metrics}; never on
 * {@code channel}, which calls it.
 */
package io.meshgate.push;
