package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.launcher.LocalCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a node does with input no client should send: errors about one request are answered and
 * the session goes on; frames that cannot be read close the session with a specific code.
 */
class ProtocolErrorsIT {

    private static LocalCluster cluster;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedCluster.get();
    }

    @Test
    void sessionOpensWithHelloCarryingA128BitSessionId() throws Exception {
        try (RawSocket s = new RawSocket(cluster.nodeSocket("node-1"))) {
            JsonNode hello = s.next();
            assertEquals("hello", hello.get("kind").asText());
            assertEquals("node-1", hello.get("node").asText());
            assertEquals(22, hello.get("sessionId").asText().length(), "16 bytes in unpadded base64url");
        }
    }

    @Test
    void payloadThatIsNotJsonIsAnsweredBadRequestAndTheSessionGoesOn() throws Exception {
        try (RawSocket s = new RawSocket(cluster.nodeSocket("node-1"))) {
            s.next();
            s.sendJson("{not json");
            JsonNode error = s.next();
            assertEquals("error", error.get("kind").asText());
            assertEquals("BAD_REQUEST", error.get("code").asText());
            assertEquals("payload is not valid JSON", error.get("message").asText());
            assertTrue(error.get("id").isNull());
            s.sendJson("{\"kind\":\"req\",\"id\":\"after\",\"service\":\"echo\",\"type\":\"echo\",\"params\":{\"a\":1}}");
            JsonNode res = s.next();
            assertEquals("res", res.get("kind").asText());
            assertEquals("after", res.get("id").asText());
        }
    }

    @Test
    void requestWithoutServiceIsAnsweredBadRequestNamingItsId() throws Exception {
        try (RawSocket s = new RawSocket(cluster.nodeSocket("node-2"))) {
            s.next();
            s.sendJson("{\"kind\":\"req\",\"id\":\"r1\",\"type\":\"echo\"}");
            JsonNode error = s.next();
            assertEquals("BAD_REQUEST", error.get("code").asText());
            assertEquals("service is required", error.get("message").asText());
            assertEquals("r1", error.get("id").asText());
        }
    }

    @Test
    void clientSendingAResponseIsAnsweredBadRequest() throws Exception {
        try (RawSocket s = new RawSocket(cluster.nodeSocket("node-2"))) {
            s.next();
            s.sendJson("{\"kind\":\"res\",\"id\":\"x\",\"result\":1}");
            assertEquals("a client may only send 'req', 'resume', 'subscribe' and 'unsubscribe' messages", s.next().get("message").asText());
        }
    }

    @Test
    void textMessageClosesTheSessionWith1007() throws Exception {
        try (RawSocket s = new RawSocket(cluster.nodeSocket("node-3"))) {
            s.next();
            s.sendText("{\"kind\":\"req\"}");
            assertEquals(1007, s.closeCode());
        }
    }

    @Test
    void frameOverTheLimitClosesTheSessionWith1009() throws Exception {
        try (RawSocket s = new RawSocket(cluster.nodeSocket("node-3"))) {
            s.next();
            s.sendBinary(new byte[64 * 1024 + 1]);
            assertEquals(1009, s.closeCode());
        }
    }

    @Test
    void emptyFrameClosesTheSessionWith1007() throws Exception {
        try (RawSocket s = new RawSocket(cluster.nodeSocket("node-1"))) {
            s.next();
            s.sendBinary(new byte[0]);
            assertEquals(1007, s.closeCode());
        }
    }
}
