package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.wire.MeshgateException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions that outlive their node, on a cluster of their own (four plain nodes behind nginx: three
 * tests each kill or drain the node holding their session, and one node must be left).
 */
class SessionResumeIT {

    private static final Path RUN_DIR = SharedCluster.home().resolve("target/it-resume");
    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.nginxInstalled();
        cluster = LocalCluster.start(LocalCluster.Options.defaults(SharedCluster.home(), RUN_DIR).withNodes(4)
                .withSecure(false));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void callsInFlightWhenTheSessionsNodeDiesAreAnsweredAfterTheSessionResumesOnAnotherNode() throws Exception {
        try (MeshgateClient c = Calls.connect(cluster.accessPoint())) {
            String session = c.sessionId();
            String first = c.node();
            Map<String, CompletableFuture<Response>> calls = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                String key = "resume-" + UUID.randomUUID();
                calls.put(key, c.call("work", "sleep", Calls.json("{\"delayMs\":1500}"), Duration.ofSeconds(20), key)
                        .toCompletableFuture());
            }
            Journals.awaitAnyRun(RUN_DIR, List.copyOf(calls.keySet()));
            cluster.killNode(first);
            for (CompletableFuture<Response> f : calls.values()) {
                Response r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.ok(), r::toString);
            }
            assertEquals(session, c.sessionId());
            assertNotEquals(first, c.node());
            assertEquals(1, c.resumes());
            assertEquals(0, c.unmatchedAnswers());
        }
    }

    @Test
    void aSessionsTopicsStillReceivePushesAfterItResumesOnAnotherNode() throws Exception {
        String topic = "resume." + UUID.randomUUID();
        try (MeshgateClient c = Calls.connect(cluster.accessPoint())) {
            String first = c.node();
            assertTrue(c.subscribe(topic).toCompletableFuture().get(10, TimeUnit.SECONDS).ok());
            CompletableFuture<JsonNode> pushed = new CompletableFuture<>();
            c.onPush(p -> {
                if (p.topic().equals(topic)) {
                    pushed.complete(p.data());
                }
            });
            CompletableFuture<Void> resumed = new CompletableFuture<>();
            c.onStateChange(state -> {
                if (state == MeshgateClient.State.OPEN && !c.node().equals(first)) {
                    resumed.complete(null);
                }
            });

            cluster.killNode(first);
            resumed.get(30, TimeUnit.SECONDS);
            Response published = c.call("notify", "topic", Calls.json("{\"topic\":\"" + topic + "\",\"data\":{\"n\":1}}"),
                    Duration.ofSeconds(10)).toCompletableFuture().get(20, TimeUnit.SECONDS);

            assertTrue(published.ok(), published::toString);
            assertEquals(1, pushed.get(20, TimeUnit.SECONDS).path("n").asInt());
        }
    }

    @Test
    void aDrainedNodeMovesItsSessionsAndTheirCallsInFlightAreAnsweredOnAnotherNode() throws Exception {
        try (MeshgateClient c = Calls.connect(cluster.accessPoint())) {
            String first = c.node();
            CompletableFuture<Void> resumed = new CompletableFuture<>();
            c.onStateChange(state -> {
                if (state == MeshgateClient.State.OPEN) {
                    resumed.complete(null);
                }
            });
            Map<String, CompletableFuture<Response>> calls = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                String key = "drain-" + UUID.randomUUID();
                calls.put(key, c.call("work", "sleep", Calls.json("{\"delayMs\":1500}"), Duration.ofSeconds(20), key)
                        .toCompletableFuture());
            }
            Journals.awaitAnyRun(RUN_DIR, List.copyOf(calls.keySet()));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(cluster.node(first).url() + "/api/drain")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, r.statusCode(), r::body);
            for (CompletableFuture<Response> f : calls.values()) {
                Response answer = f.get(30, TimeUnit.SECONDS);
                assertTrue(answer.ok(), answer::toString);
            }
            resumed.get(30, TimeUnit.SECONDS);
            Response after = c.call("echo", "echo", Calls.json("{\"a\":1}"), Duration.ofSeconds(10))
                    .toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertTrue(after.ok(), after::toString);
            assertNotEquals(first, c.node());
            ProcessHandle.of(cluster.node(first).pid()).ifPresent(h -> h.onExit().orTimeout(60, TimeUnit.SECONDS).join());
        }
    }

    @Test
    void aResumeWithAnotherSessionsTokenIsRefusedAndTheConnectionStaysAUsableNewSession() throws Exception {
        String victim;
        String node;
        try (MeshgateClient other = Calls.connect(cluster.accessPoint())) {
            victim = other.sessionId();
            node = other.node();
        }
        try (RawSocket s = new RawSocket(cluster.accessPoint())) {
            JsonNode hello = s.next();
            assertTrue(hello.hasNonNull("resumeToken"), hello::toString);
            s.sendJson("{\"kind\":\"resume\",\"sessionId\":\"" + victim + "\",\"node\":\"" + node
                    + "\",\"token\":\"" + hello.get("resumeToken").asText() + "\",\"requests\":[]}");
            JsonNode refusal = s.next();
            assertEquals(MeshgateException.Kind.RESUME_REFUSED.code(), refusal.get("code").asText(), refusal::toString);
            assertTrue(refusal.get("id").isNull(), refusal::toString);
            s.sendJson("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"echo\",\"type\":\"echo\",\"params\":{\"a\":1}}");
            JsonNode answer = s.next();
            assertEquals("res", answer.get("kind").asText(), answer::toString);
        }
    }
}
