package io.meshgate.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The processes of a running local cluster as its state file records them: signals to them, and
 * starting a node or the broker again from its recorded command line, from any process (the one
 * that ran {@code up}, or a later {@code bin/meshgate chaos}). A node started again keeps its id,
 * ports, folder and configuration, so nginx finds it where it was; the broker keeps its port and
 * data folder. Each start is written to the state file at once, so that {@code status} and
 * {@code down} find the new pid. Thread-safe: starts are serialised.
 */
public final class ClusterProcesses {

    private static final Logger LOG = Logger.getLogger(ClusterProcesses.class.getName());
    /** How long a node started again may take to answer ready (two cores shared with traffic). */
    static final Duration NODE_READY = Duration.ofSeconds(180);
    static final Duration BROKER_LISTENING = Duration.ofSeconds(60);
    private static final int NODE_ATTEMPTS = 3;
    private static final String SETSID = "/usr/bin/setsid";

    /** The signals faults send. */
    public enum Signal { KILL, TERM, HUP }

    private final Path runDir;
    private final Readiness readiness = new Readiness();

    /** The processes of the cluster whose state file is in {@code runDir}. */
    public ClusterProcesses(Path runDir) {
        this.runDir = runDir.toAbsolutePath();
    }

    /** The cluster as its state file says now. */
    public ClusterState state() throws IOException {
        return ClusterState.read(LocalCluster.stateFile(runDir));
    }

    /** The run dir: the folder of the state file, the nodes' folders and the logs. */
    public Path runDir() {
        return runDir;
    }

    /** Sends a signal to a process; false when it had already gone. */
    public static boolean signal(long pid, Signal signal) throws IOException, InterruptedException {
        if (!ClusterState.alive(pid)) {
            return false;
        }
        Process kill = new ProcessBuilder("kill", "-s", signal.name(), Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return kill.waitFor() == 0;
    }

    /** Waits until a process has exited; false when it is still there after the timeout. */
    public static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** SIGTERM, then SIGKILL when the process has not gone within {@code grace}; waits until it has. */
    public static void stop(long pid, Duration grace) throws IOException, InterruptedException {
        signal(pid, Signal.TERM);
        if (!awaitExit(pid, grace)) {
            LOG.warning(() -> "process " + pid + " did not stop within " + grace.toSeconds() + " s; killing it");
            signal(pid, Signal.KILL);
            awaitExit(pid, Duration.ofSeconds(10));
        }
    }

    /** Whether a node answers UP on {@code /health/ready} with meshgate's check in it (see {@link Readiness}). */
    public static boolean ready(HttpClient http, ClusterState.Node node) {
        return new Readiness(http).ready(node);
    }

    /**
     * Starts a node that is not running again from its recorded command line (output appended to
     * its log) and waits until it is ready; a start whose boot-time deployment fails is stopped
     * and made again, up to three times.
     */
    public synchronized ClusterState.Node restartNode(String nodeId) throws IOException, InterruptedException {
        ClusterState.Node old = state().node(nodeId);
        requireStartable(nodeId, old.pid(), old.command());
        for (int attempt = 1; ; attempt++) {
            Path log = Path.of(old.log());
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            Process p = start(old.command(), log);
            ClusterState.Node started = old.withPid(p.pid());
            ServerKind server = started.server();
            boolean ready = waitUntil(() -> readiness.ready(started) || server.bootFailed(log, logStart), NODE_READY, p);
            if (ready && !server.bootFailed(log, logStart)) {
                write(state().with(started));
                LOG.info(() -> nodeId + " started again (pid " + p.pid() + ")");
                return started;
            }
            stop(p.pid(), Duration.ofSeconds(30));
            if (attempt == NODE_ATTEMPTS) {
                throw new IllegalStateException(nodeId + " did not get ready again after " + attempt
                        + " starts; see " + log);
            }
            int failed = attempt;
            LOG.warning(() -> nodeId + " did not get ready (start " + failed + "); starting it again");
        }
    }

    /** Starts the broker again, on its port and data folder, and waits until it listens. */
    public synchronized ClusterState.Proc restartBroker() throws IOException, InterruptedException {
        ClusterState.Proc old = state().broker();
        requireStartable("the broker", old.pid(), old.command());
        int port = URI.create(old.url()).getPort();
        Process p = start(old.command(), Path.of(old.log()));
        if (!waitUntil(() -> Ports.listening(port), BROKER_LISTENING, p)) {
            stop(p.pid(), Duration.ofSeconds(10));
            throw new IllegalStateException("the broker did not listen on " + port + " again; see " + old.log());
        }
        ClusterState.Proc started = old.withPid(p.pid());
        write(state().withBroker(started));
        LOG.info(() -> "broker started again (pid " + p.pid() + ")");
        return started;
    }

    /** Starts a node again when it is not running (a fault's undo). */
    public synchronized void ensureNodeRunning(String nodeId) throws IOException, InterruptedException {
        if (!ClusterState.alive(state().node(nodeId).pid())) {
            restartNode(nodeId);
        }
    }

    /**
     * The primary of an HA pair died and its backup serves: the backup is now the broker, and the
     * dead primary is recorded as the backup (to be started again as the standby).
     */
    public synchronized void failedOver() throws IOException {
        ClusterState s = state();
        if (s.backup() == null) {
            throw new IllegalStateException("this cluster has no backup broker");
        }
        write(new ClusterState(s.accessPoint(), s.backup(), s.nodes(), s.nginx(), s.logs(), s.pki(), s.broker()));
    }

    /**
     * Starts the recorded backup broker again when it is not running, always in the backup role
     * (a dead primary comes back as the serving broker's backup, never as a primary waiting for
     * the journal's lock): it announces itself to the serving broker, so that the nodes learn
     * where to fail over next time. Returns once its log shows the announcement.
     */
    public synchronized void ensureStandbyRunning() throws IOException, InterruptedException {
        ClusterState.Proc old = state().backup();
        if (old == null || ClusterState.alive(old.pid())) {
            return;
        }
        requireStartable("the standby broker", old.pid(), old.command());
        List<String> command = BrokerMain.asBackup(old.command());
        Path log = Path.of(old.log());
        long from = Files.exists(log) ? Files.size(log) : 0;
        Process p = start(command, log);
        if (!waitUntil(() -> Readiness.logShows(log, from, BrokerMain.BACKUP_ANNOUNCED), BROKER_LISTENING, p)) {
            stop(p.pid(), Duration.ofSeconds(10));
            throw new IllegalStateException("the standby broker did not announce itself to the serving broker; see "
                    + log);
        }
        ClusterState s = state();
        write(new ClusterState(s.accessPoint(), s.broker(), s.nodes(), s.nginx(), s.logs(), s.pki(),
                new ClusterState.Proc(old.url(), p.pid(), command, old.log())));
        LOG.info(() -> "standby broker started (pid " + p.pid() + ")");
    }

    /** Starts the broker again when it is not running. */
    public synchronized void ensureBrokerRunning() throws IOException, InterruptedException {
        if (!ClusterState.alive(state().broker().pid())) {
            restartBroker();
        }
    }

    private static void requireStartable(String what, long pid, List<String> command) {
        if (ClusterState.alive(pid)) {
            throw new IllegalStateException(what + " is still running (pid " + pid + ")");
        }
        if (command.isEmpty()) {
            throw new IllegalStateException("the state file has no command line for " + what
                    + ": the cluster was started by an older bin/meshgate; start it again with up");
        }
    }

    /**
     * Starts a recorded command line in a session of its own where {@code setsid} is installed, so
     * that a Ctrl-C ending the command that started it (e.g. a fault run) does not reach it. A
     * child of the JVM leads no process group, so setsid runs the command under its own pid.
     */
    private Process start(List<String> command, Path log) throws IOException {
        List<String> line = new java.util.ArrayList<>(command);
        if (Files.isExecutable(Path.of(SETSID))) {
            line.add(0, SETSID);
        }
        return new ProcessBuilder(line).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Waits until the check holds (true), the process exits or the time is up (false). */
    private static boolean waitUntil(BooleanSupplier check, Duration timeout, Process process)
            throws InterruptedException {
        Readiness.Outcome outcome = Readiness.await(check, timeout, process);
        if (outcome == Readiness.Outcome.EXITED) {
            LOG.warning(() -> "process " + process.pid() + " exited with " + process.exitValue());
        }
        return outcome == Readiness.Outcome.HELD;
    }

    private void write(ClusterState s) throws IOException {
        s.write(LocalCluster.stateFile(runDir));
    }
}
