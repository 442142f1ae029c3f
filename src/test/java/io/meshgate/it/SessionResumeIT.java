package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.wire.MeshgateException;
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
 * Sessions that outlive their node, on a cluster of their own (two plain nodes behind nginx, or
 * node-1's own listener without nginx), since a test kills the node holding its session.
 */
class SessionResumeIT {

    private static final Path RUN_DIR = SharedCluster.home().resolve("target/it-resume");
    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.nginxInstalled();
        cluster = LocalCluster.start(LocalCluster.Options.defaults(SharedCluster.home(), RUN_DIR).withNodes(2)
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
