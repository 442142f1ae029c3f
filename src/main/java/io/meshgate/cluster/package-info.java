/**
 * The node in its cluster: its identity, the control topic (announcements, heartbeats with load and
 * a bounded {@link io.meshgate.cluster.NodeReport}: readiness, uptime, per-service statistics of
 * the last interval, recent protocol errors; departures), the membership view and its JSON view at {@code /api/cluster}, and the drain
 * ({@code POST /api/drain}, SIGTERM): stop taking work, move sessions, finish, depart.
 *
 * <p>Threading: the control listener (one consumer) and the heartbeat (a thread of its own: a heartbeat
 * send can block while the adapter fails over) update the view, and the control listener fires {@code ClusterView.Heard} on its thread after each message, for whoever waits on the view; anyone may read it. The drain runs on the request's thread ({@code /api/drain})
 * or, on SIGTERM, on the JVM's signal thread with the application's context
 * ({@link io.meshgate.cluster.TermSignal}), before the server's shutdown hooks. Depends on {@code service} (what this node hosts, its
 * load), {@code messaging}, {@code envelope}, {@code metrics}.
 */
package io.meshgate.cluster;
