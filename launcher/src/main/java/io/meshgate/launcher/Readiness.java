package io.meshgate.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The launcher's one readiness poll: whether a node answers UP on {@code /health/ready}, what it
 * answers, whether a process's log shows a line, and waiting (a check every 250 ms) until such a
 * check holds, the process exits or the time is up. {@link LocalCluster} waits with it at start-up,
 * {@link ClusterProcesses} when it starts a process again, {@code status} asks it once.
 * Thread-safe.
 */
final class Readiness {

    /** How often a wait checks again. */
    static final Duration INTERVAL = Duration.ofMillis(250);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

    /** How a wait ended. */
    enum Outcome { HELD, EXITED, TIMED_OUT }

    private final HttpClient http;

    /** Asks the nodes with a client of its own (2 s to connect). */
    Readiness() {
        this(HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build());
    }

    /** Asks the nodes with this client. */
    Readiness(HttpClient http) {
        this.http = http;
    }

    /** Whether a node answers UP on its readiness URL with meshgate's check in it. */
    boolean ready(ClusterState.Node node) {
        try {
            HttpResponse<String> r = health(node);
            return r.statusCode() == 200 && r.body().contains("\"meshgate\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What a node answers on its readiness URL, or why it answers nothing: for an error message. */
    String report(ClusterState.Node node) {
        try {
            return health(node).body();
        } catch (IOException e) {
            return "health unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private HttpResponse<String> health(ClusterState.Node node) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(node.healthUrl())).timeout(HTTP_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Checks every {@link #INTERVAL} until the check holds, the process exits (never for a null
     * process) or the time is up.
     */
    static Outcome await(BooleanSupplier check, Duration timeout, Process process) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (check.getAsBoolean()) {
                return Outcome.HELD;
            }
            if (process != null && !process.isAlive()) {
                return Outcome.EXITED;
            }
            Thread.sleep(INTERVAL.toMillis());
        }
        return Outcome.TIMED_OUT;
    }

    /** Whether the part of a log written since byte {@code from} holds the text (false when it cannot be read). */
    static boolean logShows(Path log, long from, String text) {
        return logSince(log, from).contains(text);
    }

    /** Whether the part of a log written since byte {@code from} holds any of the texts (the log read once). */
    static boolean logShowsAny(Path log, long from, List<String> texts) {
        String since = logSince(log, from);
        return texts.stream().anyMatch(since::contains);
    }

    /** The part of a log written since byte {@code from}, empty when it cannot be read. */
    private static String logSince(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
