package io.meshgate.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The processes a {@link LocalCluster} starts: each runs in the run dir with its output in
 * {@code <logs>/<name>.log}; it waits until one is ready (naming the log when the process exits
 * or is late), stops one with SIGTERM and then SIGKILL, and kills every process it started when
 * closed. Thread-safe: nodes start in parallel.
 */
final class ProcessSupervisor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProcessSupervisor.class.getName());

    private final Path runDir;
    private final Path logs;
    private final List<Process> started = new CopyOnWriteArrayList<>();

    /** Processes that run in {@code runDir} and log to {@code logs}. */
    ProcessSupervisor(Path runDir, Path logs) {
        this.runDir = runDir;
        this.logs = logs;
    }

    /** The folder of the logs. */
    Path logs() {
        return logs;
    }

    /** The log of the process called {@code name}. */
    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** Starts a process called {@code name} (its log is {@link #log}), reading nothing. */
    Process spawn(String name, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log(name).toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        new File("/dev/null"))).start();
        started.add(p);
        return p;
    }

    /**
     * Returns once the check holds.
     *
     * @param process the process that must stay alive meanwhile, or null
     * @throws IllegalStateException naming the log of {@code what} when the process exits or the time is up
     */
    void await(String what, BooleanSupplier check, Duration timeout, Process process) throws InterruptedException {
        switch (Readiness.await(check, timeout, process)) {
            case HELD -> { }
            case EXITED -> throw new IllegalStateException(what + " exited with " + process.exitValue() + "; see "
                    + log(what));
            case TIMED_OUT -> throw new IllegalStateException(what + " not ready within " + timeout.toSeconds()
                    + " s; see " + log(what));
        }
    }

    /** Stops the processes of a cluster state: nodes (in parallel), then nginx, then the backup broker, then the broker. */
    static void stopAll(ClusterState s) {
        List<CompletableFuture<Void>> stops = s.nodes().stream()
                .map(n -> CompletableFuture.runAsync(() -> stop(n.pid(), Duration.ofSeconds(60)))).toList();
        stops.forEach(CompletableFuture::join);
        if (s.nginx() != null) {
            stop(s.nginx().pid(), Duration.ofSeconds(10));
        }
        if (s.backup() != null) {
            stop(s.backup().pid(), Duration.ofSeconds(30)); // before the primary, which would fail over to it
        }
        stop(s.broker().pid(), Duration.ofSeconds(30));
    }

    /**
     * Stops a process (SIGTERM, SIGKILL when it is still there after {@code grace}) and then kills
     * the children it had.
     */
    static void stop(long pid, Duration grace) {
        ProcessHandle.of(pid).ifPresent(h -> {
            List<ProcessHandle> children = h.descendants().toList();
            h.destroy();
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warning(() -> "process " + pid + " did not stop within " + grace.toSeconds() + " s; killing it");
                h.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        });
    }

    /** Kills every process this supervisor started (those already stopped are left as they are). */
    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
    }
}
