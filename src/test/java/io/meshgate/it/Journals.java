package io.meshgate.it;

import io.meshgate.launcher.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads the sample services' execution journals of a cluster's nodes (see {@code ExecutionJournal}). */
final class Journals {

    private Journals() {
    }

    /** How many times, on every node of the run dir, a handler ran the call with this idempotency key. */
    static long runs(Path runDir, String idempotencyKey) throws IOException {
        return lines(runDir, null).stream().filter(l -> l.endsWith(" " + idempotencyKey)).count();
    }

    /** Waits until some node has started a call with one of these keys. */
    static void awaitAnyRun(Path runDir, List<String> keys) throws IOException, InterruptedException {
        awaitAnyRun(runDir, null, keys);
    }

    /**
     * Waits until the node ({@code null}: any node) has started a call with one of these keys:
     * the journals are read again each time a file in a node's folder changes (the file system's
     * events, not a sleep), for at most a minute (a hang guard).
     */
    static void awaitAnyRun(Path runDir, String nodeId, List<String> keys) throws IOException, InterruptedException {
        try (WatchService watch = runDir.getFileSystem().newWatchService(); Stream<Path> dirs = Files.list(runDir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (lines(runDir, nodeId).stream().noneMatch(l -> keys.stream().anyMatch(k -> l.endsWith(" " + k)))) {
                WatchKey changed = watch.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (changed == null) {
                    throw new AssertionError("no node started any of " + keys.size() + " calls within a minute");
                }
                changed.pollEvents();
                changed.reset();
            }
        }
    }

    private static List<String> lines(Path runDir, String nodeId) throws IOException {
        try (Stream<Path> dirs = Files.list(runDir)) {
            return dirs.filter(d -> nodeId == null || d.getFileName().toString().equals(nodeId))
                    .map(d -> d.resolve(LocalCluster.EXECUTION_LOG)).filter(Files::isRegularFile)
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f, StandardCharsets.UTF_8).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
    }
}
