package io.meshgate.launcher;

import java.time.Duration;
import java.util.List;

/**
 * {@code kill-broker}: SIGKILL the broker, keep it dead for {@code down}, then start it again on
 * the same port and data folder (while the traffic goes on) and wait until it listens. On a
 * cluster with an HA pair ({@code up --ha}) it kills the primary and lets the backup take over;
 * the undo starts the dead primary again as the standby.
 */
final class KillBroker implements Fault {

    private final ClusterProcesses processes;
    private final Duration down;

    KillBroker(ClusterProcesses processes, Duration down) {
        if (down.isNegative()) {
            throw new IllegalArgumentException("the broker cannot stay down for a negative time");
        }
        this.processes = processes;
        this.down = down;
    }

    @Override
    public void inject(List<String> sessionNodes) throws Exception {
        long pid = processes.state().broker().pid();
        boolean pair = processes.state().backup() != null;
        ClusterProcesses.signal(pid, ClusterProcesses.Signal.KILL);
        ClusterProcesses.awaitExit(pid, Duration.ofSeconds(10));
        if (pair) {
            processes.failedOver();
            return;
        }
        Thread.sleep(down.toMillis());
        processes.restartBroker();
    }

    @Override
    public void restore() throws Exception {
        if (processes.state().backup() != null) {
            processes.ensureStandbyRunning();
        } else {
            processes.ensureBrokerRunning();
        }
    }
}
