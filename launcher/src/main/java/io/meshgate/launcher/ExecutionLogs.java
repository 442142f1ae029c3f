package io.meshgate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The nodes' execution journals ({@code <run dir>/<node id>/executions.log}, one line
 * {@code <service> <idempotency key>} per handler run, appended across restarts of a node): which
 * of a run's requests ran more than once.
 */
final class ExecutionLogs {

    private ExecutionLogs() {
    }

    /**
     * Requests (idempotency keys) whose handler ran more than once.
     *
     * @param total     keys that ran more than once
     * @param byService the same, per service
     */
    record Duplicates(long total, Map<String, Long> byService) {
        Duplicates {
            byService = Map.copyOf(new TreeMap<>(byService));
            if (total != byService.values().stream().mapToLong(Long::longValue).sum()) {
                throw new IllegalArgumentException("per-service duplicates do not add up to " + total);
            }
        }
    }

    /** Counts, among {@code keys}, those that appear on more than one journal line. */
    static Duplicates duplicates(Stream<String> lines, Set<String> keys) {
        Map<String, Integer> runs = new HashMap<>();
        Map<String, String> service = new HashMap<>();
        lines.forEach(line -> {
            int space = line.indexOf(' ');
            if (space <= 0) {
                return;
            }
            String key = line.substring(space + 1).trim();
            if (keys.contains(key)) {
                runs.merge(key, 1, Integer::sum);
                service.putIfAbsent(key, line.substring(0, space));
            }
        });
        Map<String, Long> byService = new TreeMap<>();
        runs.forEach((key, n) -> {
            if (n > 1) {
                byService.merge(service.get(key), 1L, Long::sum);
            }
        });
        return new Duplicates(byService.values().stream().mapToLong(Long::longValue).sum(), byService);
    }

    /** Counts duplicates over every {@code <run dir>/*}{@code /executions.log}. */
    static Duplicates read(Path runDir, Set<String> keys) throws IOException {
        return duplicates(journals(runDir).stream().flatMap(ExecutionLogs::lines), keys);
    }

    /** The journals in a run dir, one per node folder that has one. */
    static List<Path> journals(Path runDir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(runDir)) {
            for (Path child : children.sorted().toList()) {
                Path journal = child.resolve(LocalCluster.EXECUTION_LOG);
                if (Files.isRegularFile(journal)) {
                    found.add(journal);
                }
            }
        }
        return found;
    }

    private static Stream<String> lines(Path journal) {
        try {
            return Files.readAllLines(journal, StandardCharsets.UTF_8).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + journal, e);
        }
    }
}
