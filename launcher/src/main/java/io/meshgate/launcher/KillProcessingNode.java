package io.meshgate.launcher;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code kill-processing}: SIGKILL a node that holds none of the sessions, so that only the work it
 * was processing is hit. The sessions connect straight to the other nodes' own listeners (not
 * through nginx, which would give the victim some); the victim is the last node. It is started
 * again after the run.
 */
final class KillProcessingNode implements Fault {

    private final ClusterProcesses processes;
    private volatile String victim;

    KillProcessingNode(ClusterProcesses processes) {
        this.processes = processes;
    }

    @Override
    public void check(ClusterState s) {
        Fault.requireNodes(s, 2, "one to kill, one to hold the sessions");
        Fault.super.check(s);
    }

    @Override
    public URI sessionUri(ClusterState s, int i) {
        List<ClusterState.Node> others = s.nodes().subList(0, s.nodes().size() - 1);
        return URI.create(others.get(i % others.size()).socketUrl());
    }

    @Override
    public void inject(List<String> sessionNodes) throws Exception {
        ClusterState s = processes.state();
        ClusterState.Node last = s.nodes().get(s.nodes().size() - 1);
        if (sessionNodes.contains(last.id())) {
            throw new IllegalStateException(last.id() + " holds sessions: it is no processing-only node");
        }
        victim = last.id();
        ClusterProcesses.signal(last.pid(), ClusterProcesses.Signal.KILL);
        ClusterProcesses.awaitExit(last.pid(), Duration.ofSeconds(10));
    }

    @Override
    public void restore() throws Exception {
        if (victim != null) {
            processes.ensureNodeRunning(victim);
        }
    }
}
