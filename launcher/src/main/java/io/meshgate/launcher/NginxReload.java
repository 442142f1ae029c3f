package io.meshgate.launcher;

import java.util.List;

/**
 * {@code nginx-reload}: SIGHUP to the nginx master, which starts new workers with the
 * configuration read again and lets the old ones finish their connections. Nothing to restore.
 */
final class NginxReload implements Fault {

    private final ClusterProcesses processes;

    NginxReload(ClusterProcesses processes) {
        this.processes = processes;
    }

    @Override
    public void check(ClusterState s) {
        Fault.requireNginx(s, "it reloads nginx");
    }

    @Override
    public void inject(List<String> sessionNodes) throws Exception {
        long pid = processes.state().nginx().pid();
        if (!ClusterProcesses.signal(pid, ClusterProcesses.Signal.HUP)) {
            throw new IllegalStateException("nginx (pid " + pid + ") did not take SIGHUP");
        }
    }

    @Override
    public void restore() {
        // a reload leaves nothing to undo
    }
}
