package io.meshgate.envelope;

import static io.meshgate.envelope.Fixtures.DEADLINE;
import static io.meshgate.envelope.Fixtures.resource;
import static io.meshgate.envelope.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonFormatTest {

    private static final ObjectMapper TREES = new ObjectMapper();

    private final JsonFormat format = new JsonFormat();

    static Stream<Arguments> goldenEvents() {
        return Stream.of(
                Arguments.of("request.json", (Supplier<Envelope>) () -> Fixtures.request().toEnvelope()),
                Arguments.of("reply-result.json", (Supplier<Envelope>) () -> Fixtures.resultReply().toEnvelope()),
                Arguments.of("reply-error.json", (Supplier<Envelope>) () -> Fixtures.errorReply().toEnvelope()));
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                Arguments.of("missing-id.json", "attribute 'id' is required"),
                Arguments.of("missing-source.json", "attribute 'source' is required"),
                Arguments.of("wrong-specversion.json", "unsupported specversion '0.3'"),
                Arguments.of("type-not-string.json", "attribute 'type' must be a string"),
                Arguments.of("data-base64-invalid.json", "data_base64 is not valid base64"),
                Arguments.of("extension-name-invalid.json", "invalid extension attribute name 'Meshgate-Op'"),
                Arguments.of("extension-object-value.json",
                        "extension 'meshgateop' must be a string, an integer or a boolean"),
                Arguments.of("not-an-object.json", "event must be a JSON object"),
                Arguments.of("invalid-json.json", "event is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void serializeProducesTheGoldenEvent(String file, Supplier<Envelope> envelope) throws IOException {
        JsonNode expected = TREES.readTree(resource("/envelope/golden/" + file));

        JsonNode actual = TREES.readTree(format.serialize(envelope.get()));

        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void deserializeRejectsBadEventWithExactMessage(String file, String message) {
        byte[] json = resource("/envelope/bad/" + file);

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> format.deserialize(json));

        assertEquals(message, e.getMessage());
    }

    @Test
    void deserializeOfGoldenResultReplyGivesBackTheReplyEnvelope() {
        Envelope expected = Fixtures.resultReply().toEnvelope();

        assertEquals(expected, format.deserialize(resource("/envelope/golden/reply-result.json")));
    }

    @Test
    void deserializeOfGoldenErrorReplyGivesBackTheReplyEnvelope() {
        Envelope expected = Fixtures.errorReply().toEnvelope();

        assertEquals(expected, format.deserialize(resource("/envelope/golden/reply-error.json")));
    }

    @Test
    void deserializeOfGoldenRequestGivesBackTheRequestEnvelopeWithTheDeadlineAsString() {
        Envelope expected = Fixtures.request().toEnvelope()
                .withExtension(Attributes.DEADLINE, "2025-01-02T03:04:10.123Z");

        assertEquals(expected, format.deserialize(resource("/envelope/golden/request.json")));
    }

    @Test
    void deserializeReadsTimestampExtensionBackAsString() {
        Envelope original = Fixtures.request().toEnvelope();

        Envelope read = format.deserialize(format.serialize(original));

        assertEquals("2025-01-02T03:04:10.123Z", read.extension(Attributes.DEADLINE));
        assertNull(read.timeExtension(Attributes.DEADLINE));
    }

    @Test
    void requestFromDeserializedEventLacksTheDeadlineUntilTheCallerParsesIt() {
        Envelope read = format.deserialize(resource("/envelope/golden/request.json"));

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> MeshRequest.from(read));

        assertEquals("attribute 'meshgatedeadline' is required", e.getMessage());
    }

    @Test
    void requestFromDeserializedEventWithParsedDeadlineEqualsTheOriginalRequest() {
        Envelope read = format.deserialize(resource("/envelope/golden/request.json"));
        Envelope parsed = read.withExtension(Attributes.DEADLINE,
                Instant.parse(read.stringExtension(Attributes.DEADLINE)));

        Fixtures.assertSameRequest(Fixtures.request(), MeshRequest.from(parsed));
        assertEquals(DEADLINE, parsed.timeExtension(Attributes.DEADLINE));
    }

    @Test
    void serializeOmitsDataWhenThereIsNone() throws IOException {
        Envelope e = new Envelope("e1", "/test", "t", null, null, "application/json", Map.of(), null);

        JsonNode json = TREES.readTree(format.serialize(e));

        assertFalse(json.has("data"));
        assertFalse(json.has("data_base64"));
        assertEquals(TREES.readTree("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/test\",\"type\":\"t\","
                + "\"datacontenttype\":\"application/json\"}"), json);
    }

    @Test
    void serializeRejectsJsonContentTypeWhoseDataIsNotJson() {
        Envelope e = new Envelope("e1", "/test", "t", null, null, "application/json", Map.of(), utf8("{not json"));

        EnvelopeException ex = assertThrows(EnvelopeException.class, () -> format.serialize(e));

        assertEquals("data is not valid JSON", ex.getMessage());
    }

    @Test
    void serializeWritesIntegerAndBooleanExtensionsAsJsonScalars() throws IOException {
        Envelope e = new Envelope("e1", "/test", "t", null, null, null, Map.of("count", 7, "flag", true), null);

        JsonNode json = TREES.readTree(format.serialize(e));

        assertEquals(TREES.readTree("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/test\",\"type\":\"t\","
                + "\"count\":7,\"flag\":true}"), json);
    }

    @Test
    void deserializeReadsTextualDataOfNonJsonContentTypeAsUtf8Bytes() {
        byte[] json = utf8("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/test\",\"type\":\"t\","
                + "\"datacontenttype\":\"text/plain\",\"data\":\"gr\u00fc\u00dfe\"}");

        assertArrayEquals(utf8("gr\u00fc\u00dfe"), format.deserialize(json).data());
    }

    @Test
    void deserializeRejectsTimeThatIsNotRfc3339() {
        byte[] json = utf8("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/test\",\"type\":\"t\","
                + "\"time\":\"yesterday\"}");

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> format.deserialize(json));

        assertEquals("attribute 'time' is not an RFC 3339 timestamp", e.getMessage());
    }

    @Test
    void deserializeRejectsMissingSpecversion() {
        byte[] json = utf8("{\"id\":\"e1\",\"source\":\"/test\",\"type\":\"t\"}");

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> format.deserialize(json));

        assertEquals("unsupported specversion 'null'", e.getMessage());
    }

    @Test
    void deserializeRejectsEventNestedDeeperThanMaxNesting() {
        String data = "[".repeat(JsonFormat.MAX_NESTING + 1) + "]".repeat(JsonFormat.MAX_NESTING + 1);
        byte[] json = utf8("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/test\",\"type\":\"t\","
                + "\"datacontenttype\":\"application/json\",\"data\":" + data + "}");

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> format.deserialize(json));

        assertEquals("event is not valid JSON", e.getMessage());
    }
}
