package io.meshgate.it;

import io.meshgate.launcher.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the sample services' execution journals of a cluster's nodes (see {@code ExecutionJournal}). */
final class Journals {

    private Journals() {
    }

    /** How many times, on every node of the run dir, a handler ran the call with this idempotency key. */
    static long runs(Path runDir, String idempotencyKey) throws IOException {
        return lines(runDir, null).stream().filter(l -> l.endsWith(" " + idempotencyKey)).count();
    }

    /** Waits (polling the files) until some node has started a call with one of these keys. */
    static void awaitAnyRun(Path runDir, List<String> keys) throws IOException, InterruptedException {
        awaitAnyRun(runDir, null, keys);
    }

    /** Waits (polling its file) until the node ({@code null}: any node) has started a call with one of these keys. */
    static void awaitAnyRun(Path runDir, String nodeId, List<String> keys) throws IOException, InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (lines(runDir, nodeId).stream().noneMatch(l -> keys.stream().anyMatch(k -> l.endsWith(" " + k)))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no node started any of " + keys.size() + " calls within 30 s");
            }
            Thread.sleep(20);
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
