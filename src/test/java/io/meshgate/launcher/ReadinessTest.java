package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

    private static final String UP = "{\"status\":\"UP\",\"checks\":[{\"name\":\"meshgate\",\"status\":\"UP\"}]}";

    @TempDir
    Path dir;

    private final Readiness readiness = new Readiness();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A node whose {@code /health/ready} answers this status and body. */
    private ClusterState.Node nodeAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health/ready", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return node(server.getAddress().getPort());
    }

    private static ClusterState.Node node(int port) {
        return new ClusterState.Node("node-1", "http://127.0.0.1:" + port, port, 1, null);
    }

    @Test
    void aNodeAnsweringUpWithMeshgatesCheckIsReady() throws IOException {
        assertTrue(readiness.ready(nodeAnswering(200, UP)));
    }

    @Test
    void aNodeAnsweringUpWithoutMeshgatesCheckIsNotReady() throws IOException {
        assertFalse(readiness.ready(nodeAnswering(200, "{\"status\":\"UP\",\"checks\":[]}")));
    }

    @Test
    void aNodeAnsweringDownIsNotReady() throws IOException {
        assertFalse(readiness.ready(nodeAnswering(503, UP.replace("UP", "DOWN"))));
    }

    @Test
    void aNodeThatDoesNotListenIsNotReady() {
        assertFalse(readiness.ready(node(Ports.free())));
    }

    @Test
    void theStatusCommandsCheckWithItsOwnClientIsTheSame() throws IOException {
        assertTrue(ClusterProcesses.ready(java.net.http.HttpClient.newHttpClient(), nodeAnswering(200, UP)));
    }

    @Test
    void theReportIsWhatTheNodeAnswers() throws IOException {
        assertEquals("{\"status\":\"DOWN\"}", readiness.report(nodeAnswering(503, "{\"status\":\"DOWN\"}")));
    }

    @Test
    void theReportOfANodeThatDoesNotListenSaysItIsUnreachable() {
        assertTrue(readiness.report(node(Ports.free())).startsWith("health unreachable: "));
    }

    @Test
    void aWaitEndsAsSoonAsTheCheckHolds() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();

        Readiness.Outcome outcome = Readiness.await(() -> checks.incrementAndGet() == 3, Duration.ofSeconds(60), null);

        assertEquals(Readiness.Outcome.HELD, outcome);
        assertEquals(3, checks.get());
    }

    @Test
    void aWaitEndsWhenTheProcessHasExited() throws InterruptedException {
        assertEquals(Readiness.Outcome.EXITED, Readiness.await(() -> false, Duration.ofSeconds(60), new ExitedProcess(1)));
    }

    @Test
    void aCheckThatHoldsWinsOverAnExit() throws InterruptedException {
        assertEquals(Readiness.Outcome.HELD, Readiness.await(() -> true, Duration.ofSeconds(60), new ExitedProcess(1)));
    }

    @Test
    void aWaitWhoseCheckNeverHoldsTimesOut() throws InterruptedException {
        assertEquals(Readiness.Outcome.TIMED_OUT, Readiness.await(() -> false, Duration.ofMillis(1), null));
    }

    @Test
    void aLogShowsOnlyWhatWasWrittenSinceTheOffset() throws IOException {
        Path log = Files.writeString(dir.resolve("node-1.log"), "Boot Command deploy failed\n");
        long from = Files.size(log);
        Files.writeString(log, "Payara Micro (6) ready in 9000 (ms)\n", java.nio.file.StandardOpenOption.APPEND);

        assertFalse(Readiness.logShows(log, from, "deploy failed"));
        assertTrue(Readiness.logShows(log, from, ") ready in "));
        assertTrue(Readiness.logShows(log, 0, "deploy failed"));
    }

    @Test
    void aMissingLogShowsNothing() {
        assertFalse(Readiness.logShows(dir.resolve("absent.log"), 0, ") ready in "));
    }

    @Test
    void anOffsetPastTheEndShowsNothing() throws IOException {
        Path log = Files.writeString(dir.resolve("broker.log"), "AMQ221031\n");

        assertFalse(Readiness.logShows(log, 1_000, "AMQ221031"));
    }
}
