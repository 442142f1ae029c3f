package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscribe and unsubscribe messages and the topics of a resume, as the codec reads them. */
class SubscriptionMessagesTest {

    private final MessageCodec codec = new MessageCodec();

    private WireMessage decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private MeshgateException refusal(String json) {
        return assertThrows(MeshgateException.class, () -> decode(json));
    }

    @Test
    void aSubscribeNamesItsIdAndTopics() {
        assertEquals(new WireMessage.Subscribe("s1", List.of("orders", "prices")),
                decode("{\"kind\":\"subscribe\",\"id\":\"s1\",\"topics\":[\"orders\",\"prices\"]}"));
    }

    @Test
    void anUnsubscribeNamesItsIdAndTopics() {
        assertEquals(new WireMessage.Unsubscribe("u1", List.of("orders")),
                decode("{\"kind\":\"unsubscribe\",\"id\":\"u1\",\"topics\":[\"orders\"]}"));
    }

    @Test
    void aSubscribeWithoutTopicsIsABadRequestWithItsId() {
        MeshgateException e = refusal("{\"kind\":\"subscribe\",\"id\":\"s1\"}");

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("topics is required", e.getMessage());
        assertEquals("s1", e.requestId());
    }

    @Test
    void topicsThatAreNotAnArrayOfStringsAreABadRequest() {
        MeshgateException e = refusal("{\"kind\":\"subscribe\",\"id\":\"s1\",\"topics\":[\"orders\",7]}");

        assertEquals("topics must be an array of strings", e.getMessage());
        assertEquals("s1", e.requestId());
    }

    @Test
    void aSingleTopicStringInsteadOfAnArrayIsABadRequest() {
        MeshgateException e = refusal("{\"kind\":\"subscribe\",\"id\":\"s1\",\"topics\":\"orders\"}");

        assertEquals("topics must be an array of strings", e.getMessage());
    }

    @Test
    void anEmptyTopicListIsABadRequest() {
        MeshgateException e = refusal("{\"kind\":\"unsubscribe\",\"id\":\"u1\",\"topics\":[]}");

        assertEquals("topics must hold 1 to 256 topics", e.getMessage());
        assertEquals("u1", e.requestId());
    }

    @Test
    void aMalformedTopicIsABadRequestNamingIt() {
        MeshgateException e = refusal("{\"kind\":\"subscribe\",\"id\":\"s1\",\"topics\":[\"a b\"]}");

        assertEquals("topic 'a b' must match [A-Za-z0-9][A-Za-z0-9._:-]{0,127}", e.getMessage());
        assertEquals("s1", e.requestId());
    }

    @Test
    void aSubscribeWithoutAnIdIsABadRequestWithoutOne() {
        MeshgateException e = refusal("{\"kind\":\"subscribe\",\"topics\":[\"orders\"]}");

        assertEquals("id is required", e.getMessage());
        assertEquals(null, e.requestId());
    }

    @Test
    void aResumeCarriesTheSessionsTopics() {
        WireMessage.Resume r = (WireMessage.Resume) decode(
                "{\"kind\":\"resume\",\"sessionId\":\"s\",\"node\":\"n\",\"token\":\"t\",\"topics\":[\"orders\"]}");

        assertEquals(List.of("orders"), r.topics());
    }

    @Test
    void aResumeWithoutTopicsHasNone() {
        WireMessage.Resume r = (WireMessage.Resume) decode(
                "{\"kind\":\"resume\",\"sessionId\":\"s\",\"node\":\"n\",\"token\":\"t\"}");

        assertEquals(List.of(), r.topics());
    }

    @Test
    void aSubscribeIsWrittenWithItsKindIdAndTopics() {
        assertEquals("{\"kind\":\"subscribe\",\"id\":\"s1\",\"topics\":[\"orders\"]}",
                new String(codec.encode(new WireMessage.Subscribe("s1", List.of("orders"))), StandardCharsets.UTF_8));
    }
}
