package io.meshgate.launcher;

import java.net.URI;
import java.util.List;

/**
 * A fault the checker injects into a running local cluster, and how it undoes it. {@link #inject}
 * runs on its own thread at the fault time while the traffic goes on, and may take long (a fault
 * that starts something again waits until it is ready); {@link #restore} runs after the traffic and
 * brings the cluster back to what it was: it starts again what the fault took down and did not
 * bring back itself. Faults read pids from the state file each time, since starts change them.
 */
interface Fault {

    /**
     * Refuses a cluster the fault cannot be injected into or undone on, before any traffic; by
     * default one whose state file cannot start its processes again.
     */
    default void check(ClusterState s) {
        requireRestartable(s);
    }

    /** Where session {@code i} connects: the access point, unless the fault needs otherwise. */
    default URI sessionUri(ClusterState s, int i) {
        return URI.create(s.accessPoint());
    }

    /** Injects the fault; {@code sessionNodes} holds the node of each session just before. */
    void inject(List<String> sessionNodes) throws Exception;

    /** Brings the cluster back to what it was before {@link #inject}. */
    void restore() throws Exception;

    /** The node holding the most of the sessions (the first in the cluster's order on a tie). */
    static String busiest(ClusterState s, List<String> sessionNodes) {
        String busiest = null;
        long most = -1;
        for (ClusterState.Node n : s.nodes()) {
            long held = sessionNodes.stream().filter(n.id()::equals).count();
            if (held > most) {
                busiest = n.id();
                most = held;
            }
        }
        if (busiest == null) {
            throw new IllegalStateException("the cluster has no node");
        }
        return busiest;
    }

    /** Refuses a cluster whose state file has no command line to start a node or the broker again. */
    static void requireRestartable(ClusterState s) {
        boolean recorded = !s.broker().command().isEmpty() && s.nodes().stream().noneMatch(n -> n.command().isEmpty());
        if (!recorded) {
            throw new IllegalArgumentException("the state file has no command lines to start processes again"
                    + " (the cluster was started by an older bin/meshgate): run bin/meshgate down and up again");
        }
    }

    /**
     * Refuses a cluster without nginx, saying {@code why} the fault needs it (for a fault that
     * moves sessions: without nginx every session is on the first node's own listener, and a
     * session whose node goes has nowhere else to resume, so the run would measure the missing
     * proxy, not the fault).
     */
    static void requireNginx(ClusterState s, String why) {
        if (s.nginx() == null) {
            throw new IllegalArgumentException("this scenario needs nginx (install it and run bin/meshgate up again): "
                    + why);
        }
    }

    /** {@link #requireNginx} for a fault that moves sessions from node to node. */
    static void requireNginxToMoveSessions(ClusterState s) {
        requireNginx(s, "without it every session is on " + s.nodes().get(0).id() + "'s own listener, and a session"
                + " whose node goes has nowhere else to resume");
    }

    /** Refuses a cluster with fewer nodes than a fault needs. */
    static void requireNodes(ClusterState s, int n, String why) {
        if (s.nodes().size() < n) {
            throw new IllegalArgumentException("this scenario needs at least " + n + " nodes (" + why + "); the cluster has "
                    + s.nodes().size());
        }
    }
}
