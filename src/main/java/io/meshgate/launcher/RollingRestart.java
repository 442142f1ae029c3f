package io.meshgate.launcher;

import java.util.List;

/**
 * {@code rolling-restart}: each node in turn gets SIGTERM, is started again, and is ready
 * ({@code /health/ready}) before the next one goes (while the traffic goes on; a 3-node cluster
 * takes about a minute on two cores, so give the run a long enough {@code --duration}).
 */
final class RollingRestart implements Fault {

    private final ClusterProcesses processes;

    RollingRestart(ClusterProcesses processes) {
        this.processes = processes;
    }

    @Override
    public void inject(List<String> sessionNodes) throws Exception {
        for (ClusterState.Node n : processes.state().nodes()) {
            ClusterProcesses.stop(processes.state().node(n.id()).pid(), TermNode.STOP_GRACE);
            processes.restartNode(n.id());
        }
    }

    @Override
    public void restore() throws Exception {
        for (ClusterState.Node n : processes.state().nodes()) {
            processes.ensureNodeRunning(n.id());
        }
    }
}
