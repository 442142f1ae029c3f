package io.meshgate.launcher;

import java.time.Duration;
import java.util.List;

/**
 * {@code term-node}: SIGTERM the node holding the most sessions (an orderly departure), wait until
 * it has exited, and start it again (while the traffic goes on).
 */
final class TermNode implements Fault {

    /** How long a node may take to stop before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final ClusterProcesses processes;
    private volatile String victim;

    TermNode(ClusterProcesses processes) {
        this.processes = processes;
    }

    @Override
    public void check(ClusterState s) {
        Fault.requireNginxToMoveSessions(s);
        Fault.super.check(s);
    }

    @Override
    public void inject(List<String> sessionNodes) throws Exception {
        ClusterState s = processes.state();
        ClusterState.Node node = s.node(Fault.busiest(s, sessionNodes));
        victim = node.id();
        ClusterProcesses.stop(node.pid(), STOP_GRACE);
        processes.restartNode(node.id());
    }

    @Override
    public void restore() throws Exception {
        if (victim != null) {
            processes.ensureNodeRunning(victim);
        }
    }
}
