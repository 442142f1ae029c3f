package io.meshgate.launcher;

import java.util.List;

/**
 * {@code rolling-restart} (and {@code bin/meshgate restart --rolling}): each node in turn gets
 * SIGTERM (it drains: sessions move to the other nodes, its held requests finish), is started
 * again, and is ready
 * ({@code /health/ready}) before the next one goes (while the traffic goes on; a 3-node cluster
 * takes about a minute on two cores, so give the run a long enough {@code --duration}).
 */
final class RollingRestart implements Fault {

    private final ClusterProcesses processes;

    RollingRestart(ClusterProcesses processes) {
        this.processes = processes;
    }

    @Override
    public void check(ClusterState s) {
        Fault.requireNginxToMoveSessions(s);
        Fault.super.check(s);
    }

    @Override
    public void inject(List<String> sessionNodes) throws Exception {
        restartAll(processes, id -> { });
    }

    /** Restarts every node in turn, each ready before the next stops; {@code done} is told each node id. */
    static void restartAll(ClusterProcesses processes, java.util.function.Consumer<String> done) throws Exception {
        for (ClusterState.Node n : processes.state().nodes()) {
            ClusterProcesses.stop(processes.state().node(n.id()).pid(), TermNode.STOP_GRACE);
            processes.restartNode(n.id());
            done.accept(n.id());
        }
    }

    @Override
    public void restore() throws Exception {
        for (ClusterState.Node n : processes.state().nodes()) {
            processes.ensureNodeRunning(n.id());
        }
    }
}
