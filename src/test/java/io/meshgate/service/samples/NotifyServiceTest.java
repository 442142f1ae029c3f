package io.meshgate.service.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.service.Pushes;
import io.meshgate.service.ServiceCall;
import io.meshgate.wire.Json;
import io.meshgate.wire.MeshgateException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyServiceTest {

    private final List<String> pushed = new ArrayList<>();
    private final NotifyService service = new NotifyService();

    NotifyServiceTest() {
        service.pushes = new Pushes() {
            @Override
            public boolean toSession(String sessionId, String topic, Object data) {
                return pushed.add("session " + sessionId + " " + topic + " " + data);
            }

            @Override
            public boolean toIdentity(String identity, String topic, Object data) {
                return pushed.add("identity " + identity + " " + topic + " " + data);
            }

            @Override
            public boolean publish(String topic, Object data) {
                return pushed.add("topic " + topic + " " + data);
            }
        };
    }

    private static ServiceCall call(String type, String params, String identity) throws IOException {
        JsonNode p = Json.mapper().readTree(params);
        return new ServiceCall("notify", type, p, "c1", "sess-1", "node-a", Instant.now().plusSeconds(5), null,
                identity);
    }

    @Test
    void sessionPushesToTheCallingSession() throws Exception {
        Object result = service.handle(call("session", "{\"topic\":\"news\",\"data\":{\"n\":1}}", null));

        assertEquals(List.of("session sess-1 news {\"n\":1}"), pushed);
        assertEquals(Map.of("pushed", true, "to", "session", "topic", "news", "sessionId", "sess-1"), result);
    }

    @Test
    void identityPushesToTheCallersIdentity() throws Exception {
        service.handle(call("identity", "{\"topic\":\"news\",\"data\":2}", "CN=alice"));

        assertEquals(List.of("identity CN=alice news 2"), pushed);
    }

    @Test
    void identityFromASessionWithoutOnePushesNothingAndSaysWhy() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) service.handle(call("identity", "{\"topic\":\"news\"}", null));

        assertEquals(List.of(), pushed);
        assertEquals(false, result.get("pushed"));
        assertEquals("the calling session has no client identity (plain frames)", result.get("reason"));
    }

    @Test
    void topicPublishesToTheTopic() throws Exception {
        service.handle(call("topic", "{\"topic\":\"orders\",\"data\":\"x\"}", null));

        assertEquals(List.of("topic orders \"x\""), pushed);
    }

    @Test
    void aMissingTopicIsABadRequest() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> service.handle(call("topic", "{}", null)));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("topic is required", e.getMessage());
    }

    @Test
    void anUnknownTypeIsABadRequest() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> service.handle(call("everyone", "{\"topic\":\"orders\"}", null)));

        assertEquals("notify type must be session, identity or topic, not 'everyone'", e.getMessage());
    }
}
