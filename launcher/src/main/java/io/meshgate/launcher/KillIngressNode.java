package io.meshgate.launcher;

import java.time.Duration;
import java.util.List;

/**
 * {@code kill-ingress}: SIGKILL the node holding the most sessions (through nginx); its sessions
 * end, and are opened again through nginx on the other nodes. It is started again after the run.
 */
final class KillIngressNode implements Fault {

    private final ClusterProcesses processes;
    private volatile String victim;

    KillIngressNode(ClusterProcesses processes) {
        this.processes = processes;
    }

    @Override
    public void check(ClusterState s) {
        Fault.requireNodes(s, 2, "one to kill, one for its sessions to move to");
        Fault.requireNginxToMoveSessions(s);
        Fault.super.check(s);
    }

    @Override
    public void inject(List<String> sessionNodes) throws Exception {
        ClusterState s = processes.state();
        ClusterState.Node node = s.node(Fault.busiest(s, sessionNodes));
        victim = node.id();
        ClusterProcesses.signal(node.pid(), ClusterProcesses.Signal.KILL);
        ClusterProcesses.awaitExit(node.pid(), Duration.ofSeconds(10));
    }

    @Override
    public void restore() throws Exception {
        if (victim != null) {
            processes.ensureNodeRunning(victim);
        }
    }
}
