package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    private static final ObjectMapper TREES = new ObjectMapper();
    private static final String SERVICE_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    private final MessageCodec codec = new MessageCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A request payload with one extra (or replacing) member, given as raw JSON text. */
    private static byte[] request(String extra) {
        return utf8("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"echo\",\"type\":\"ping\"" + extra + "}");
    }

    private MeshgateException decodeFails(byte[] payload) {
        return assertThrows(MeshgateException.class, () -> codec.decode(payload));
    }

    private static JsonNode json(String text) {
        try {
            return TREES.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** JSON objects nested {@code depth} levels deep (the payload object around them adds one more). */
    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    static Stream<WireMessage> everyKindOfMessage() {
        return Stream.of(
                new WireMessage.Hello("sess-1", "node-a"),
                new WireMessage.Hello("sess-1", "node-a", "tok-1"),
                new WireMessage.Resume("sess-0", "node-b", "tok-0", List.of(
                        new WireMessage.Request("r7", "echo", "ping", json("{\"a\":1}"), 4_000, "idem-7"))),
                new WireMessage.Resume("sess-0", "node-b", "tok-0", List.of()),
                new WireMessage.Resume("sess-0", "node-b", "tok-0", List.of(), List.of("orders", "prices.eu")),
                new WireMessage.Subscribe("s1", List.of("orders", "prices.eu")),
                new WireMessage.Unsubscribe("s2", List.of("orders")),
                new WireMessage.Resumed("sess-0", "node-a", "tok-2"),
                new WireMessage.Request("r1", "echo", "ping", json("{\"text\":\"hi\",\"n\":[1,2.5,true,null]}"), 0,
                        null),
                new WireMessage.Request("r2", "work.v2_x-y", "spin", json("{}"), 300_000, "idem-1"),
                new WireMessage.Response("r1", json("{\"echo\":{\"text\":\"hi\"}}"), "node-a", "node-b"),
                new WireMessage.Response("r3", JsonNodeFactory.instance.nullNode(), null, null),
                new WireMessage.ErrorMessage("r1", "TIMEOUT", "no answer within 100 ms", "node-a", null),
                new WireMessage.ErrorMessage(null, "GOING_AWAY", "node is leaving", "node-a", null),
                new WireMessage.ErrorMessage("r4", "UNAVAILABLE", "broker away", "node-a", null, 1_000),
                new WireMessage.Push("cluster.nodes", json("[\"node-a\",\"node-b\"]")));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("{\"kind\":\"req\",\"service\":\"echo\",\"type\":\"ping\"}", "id is required"),
                Arguments.of("{\"kind\":\"req\",\"id\":\"  \",\"service\":\"echo\",\"type\":\"ping\"}", "id is required"),
                Arguments.of("{\"kind\":\"req\",\"id\":7,\"service\":\"echo\",\"type\":\"ping\"}", "id must be a string"),
                Arguments.of("{\"kind\":\"req\",\"id\":\"r1\",\"type\":\"ping\"}", "service is required"),
                Arguments.of("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"echo\"}", "type is required"),
                Arguments.of("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"Echo\",\"type\":\"ping\"}",
                        "service must match " + SERVICE_PATTERN),
                Arguments.of("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"-echo\",\"type\":\"ping\"}",
                        "service must match " + SERVICE_PATTERN),
                Arguments.of("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"" + "a".repeat(65)
                        + "\",\"type\":\"ping\"}", "service must match " + SERVICE_PATTERN));
    }

    static Stream<Arguments> refusedPayloadsWithAReadableId() {
        return Stream.of(
                Arguments.of("an id after the too deep params", "{\"kind\":\"req\",\"params\":" + nested(200)
                        + ",\"service\":\"echo\",\"id\":\"late\"}", "late"),
                Arguments.of("another top-level key twice", "{\"kind\":\"req\",\"kind\":\"req\",\"id\":\"r1\"}", "r1"),
                Arguments.of("nesting as deep as the second read walks", "{\"kind\":\"req\",\"id\":\"r1\",\"params\":"
                        + nested(ReadableId.MAX_NESTING - 1) + "}", "r1"),
                Arguments.of("an id of 128 characters", "{\"id\":\"" + "i".repeat(128) + "\",\"a\":1,\"a\":2}",
                        "i".repeat(128)));
    }

    static Stream<Arguments> refusedPayloadsWithoutAReadableId() {
        return Stream.of(
                Arguments.of("the id twice", "{\"kind\":\"req\",\"id\":\"r1\",\"id\":\"r1\",\"service\":\"echo\"}"),
                Arguments.of("an id only inside params", "{\"kind\":\"req\",\"params\":{\"id\":\"p\",\"a\":1,\"a\":2}}"),
                Arguments.of("an id of 129 characters", "{\"id\":\"" + "i".repeat(129) + "\",\"a\":1,\"a\":2}"),
                Arguments.of("a number as id", "{\"id\":7,\"a\":1,\"a\":2}"),
                Arguments.of("an empty id", "{\"id\":\"\",\"a\":1,\"a\":2}"),
                Arguments.of("a blank id", "{\"id\":\"  \",\"a\":1,\"a\":2}"),
                Arguments.of("a null id", "{\"id\":null,\"a\":1,\"a\":2}"),
                Arguments.of("an object as id", "{\"id\":{\"v\":\"r1\"},\"a\":1,\"a\":2}"),
                Arguments.of("a payload cut off after the id", "{\"kind\":\"req\",\"id\":\"r1\",\"service\":"),
                Arguments.of("nesting deeper than the second read walks", "{\"kind\":\"req\",\"id\":\"r1\",\"params\":"
                        + nested(ReadableId.MAX_NESTING) + "}"),
                Arguments.of("a top-level array", "[{\"id\":\"r1\",\"a\":1,\"a\":2}]"));
    }

    @Test
    void decodeRejectsPayloadThatIsNotJson() {
        MeshgateException e = decodeFails(utf8("{\"kind\":"));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("payload is not valid JSON", e.getMessage());
        assertNull(e.requestId());
    }

    @Test
    void decodeRejectsPayloadThatIsNotAnObject() {
        MeshgateException e = decodeFails(utf8("[\"req\"]"));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("payload must be a JSON object", e.getMessage());
    }

    @Test
    void decodeRejectsEmptyPayload() {
        MeshgateException e = decodeFails(new byte[0]);

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("payload must be a JSON object", e.getMessage());
    }

    @Test
    void decodeRejectsPayloadWithoutKind() {
        MeshgateException e = decodeFails(utf8("{\"service\":\"echo\"}"));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("kind is required", e.getMessage());
    }

    @Test
    void decodeRejectsKindThatIsNotAString() {
        MeshgateException e = decodeFails(utf8("{\"kind\":1}"));

        assertEquals("kind must be a string", e.getMessage());
    }

    @Test
    void decodeRejectsUnknownKindAndCarriesTheRequestId() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"publish\",\"id\":\"r9\"}"));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("unknown kind 'publish'", e.getMessage());
        assertEquals("r9", e.requestId());
    }

    @Test
    void decodeAbbreviatesALongUnknownKindInTheMessage() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"" + "k".repeat(40) + "\"}"));

        assertEquals("unknown kind '" + "k".repeat(32) + "...'", e.getMessage());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badRequests")
    void decodeRejectsRequestWithMissingOrInvalidField(String payload, String message) {
        MeshgateException e = decodeFails(utf8(payload));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void decodeRejectsRequestWithoutIdAndCarriesNoRequestId() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"req\",\"service\":\"echo\",\"type\":\"ping\"}"));

        assertEquals("id is required", e.getMessage());
        assertNull(e.requestId());
    }

    @Test
    void decodeRejectsRequestWithoutServiceAndCarriesTheRequestId() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"req\",\"id\":\"r1\",\"type\":\"ping\"}"));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("service is required", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @Test
    void decodeRejectsServiceNotMatchingThePatternAndCarriesTheRequestId() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"Echo\",\"type\":\"p\"}"));

        assertEquals("service must match " + SERVICE_PATTERN, e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"text\"", "3"})
    void decodeRejectsParamsThatAreNotAnObject(String params) {
        MeshgateException e = decodeFails(request(",\"params\":" + params));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("params must be a JSON object", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"100\"", "1.5", "true", "100000000000000000000"})
    void decodeRejectsTimeoutThatIsNotAnInteger(String timeout) {
        MeshgateException e = decodeFails(request(",\"timeoutMs\":" + timeout));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("timeoutMs must be an integer", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-300000", "300001"})
    void decodeRejectsTimeoutOutsideOneToFiveMinutes(String timeout) {
        MeshgateException e = decodeFails(request(",\"timeoutMs\":" + timeout));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("timeoutMs must be between 1 and 300000", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 300_000})
    void decodeAcceptsTimeoutAtTheBounds(long timeout) {
        WireMessage.Request r = (WireMessage.Request) codec.decode(request(",\"timeoutMs\":" + timeout));

        assertEquals(timeout, r.timeoutMs());
    }

    @Test
    void decodeTakesAbsentTimeoutAsZero() {
        WireMessage.Request r = (WireMessage.Request) codec.decode(request(""));

        assertEquals(0, r.timeoutMs());
    }

    @Test
    void decodeRejectsIdempotencyKeyLongerThan128() {
        MeshgateException e = decodeFails(request(",\"idempotencyKey\":\"" + "k".repeat(129) + "\""));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("idempotencyKey is longer than 128 characters", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @Test
    void decodeAcceptsIdempotencyKeyOf128() {
        WireMessage.Request r = (WireMessage.Request) codec.decode(
                request(",\"idempotencyKey\":\"" + "k".repeat(128) + "\""));

        assertEquals("k".repeat(128), r.idempotencyKey());
    }

    @Test
    void decodeRejectsTypeLongerThan128() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"echo\",\"type\":\""
                + "t".repeat(129) + "\"}"));

        assertEquals("type is longer than 128 characters", e.getMessage());
    }

    @Test
    void decodeRejectsIdLongerThan128AndCarriesNoRequestId() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"req\",\"id\":\"" + "i".repeat(129)
                + "\",\"service\":\"echo\",\"type\":\"ping\"}"));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("id is longer than 128 characters", e.getMessage());
        assertNull(e.requestId());
    }

    @Test
    void decodeAcceptsIdOf128() {
        WireMessage.Request r = (WireMessage.Request) codec.decode(utf8("{\"kind\":\"req\",\"id\":\"" + "i".repeat(128)
                + "\",\"service\":\"echo\",\"type\":\"ping\"}"));

        assertEquals("i".repeat(128), r.id());
    }

    @Test
    void decodeGivesEmptyParamsWhenAbsentOrNull() {
        WireMessage.Request absent = (WireMessage.Request) codec.decode(request(""));
        WireMessage.Request explicitNull = (WireMessage.Request) codec.decode(request(",\"params\":null"));

        assertEquals(json("{}"), absent.params());
        assertEquals(json("{}"), explicitNull.params());
    }

    @Test
    void decodeIgnoresUnknownFields() {
        WireMessage m = codec.decode(utf8("{\"kind\":\"hello\",\"sessionId\":\"s1\",\"node\":\"n1\",\"v\":2}"));

        assertEquals(new WireMessage.Hello("s1", "n1"), m);
    }

    @Test
    void decodeRejectsHelloWithoutNode() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"hello\",\"sessionId\":\"s1\"}"));

        assertEquals("node is required", e.getMessage());
    }

    @Test
    void decodeRejectsErrorWithoutCode() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"error\",\"id\":\"r1\",\"message\":\"m\"}"));

        assertEquals("code is required", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @Test
    void decodeRejectsPushWithoutTopic() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"push\",\"data\":1}"));

        assertEquals("topic is required", e.getMessage());
        assertNull(e.requestId());
    }

    @Test
    void decodeRejectsNestingDeeperThanMaxNesting() {
        String params = nested(MessageCodec.MAX_NESTING);
        MeshgateException e = decodeFails(request(",\"params\":" + params));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("payload is not valid JSON", e.getMessage());
    }

    @Test
    void decodeAcceptsNestingOfExactlyMaxNesting() {
        String params = nested(MessageCodec.MAX_NESTING - 1);

        WireMessage.Request r = (WireMessage.Request) codec.decode(request(",\"params\":" + params));

        assertEquals(json(params), r.params());
    }

    @Test
    void decodeRejectsDuplicateKeys() {
        MeshgateException e = decodeFails(utf8("{\"kind\":\"req\",\"id\":\"r1\",\"id\":\"r2\",\"service\":\"echo\","
                + "\"type\":\"ping\"}"));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("payload is not valid JSON", e.getMessage());
        assertNull(e.requestId());
    }

    @Test
    void decodeRejectsDuplicateKeysInsideParamsAndCarriesTheRequestId() {
        MeshgateException e = decodeFails(request(",\"params\":{\"a\":1,\"a\":2}"));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("payload is not valid JSON", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @Test
    void decodeRejectsNestingDeeperThanMaxNestingAndCarriesTheRequestId() {
        MeshgateException e = decodeFails(request(",\"params\":" + nested(MessageCodec.MAX_NESTING)));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("payload is not valid JSON", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPayloadsWithAReadableId")
    void decodeCarriesTheTopLevelIdOfAPayloadRefusedAsJson(String what, String payload, String id) {
        MeshgateException e = decodeFails(utf8(payload));

        assertEquals("payload is not valid JSON", e.getMessage());
        assertEquals(id, e.requestId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPayloadsWithoutAReadableId")
    void decodeCarriesNoRequestIdWhenNoneCanBeReadFromAPayloadRefusedAsJson(String what, String payload) {
        MeshgateException e = decodeFails(utf8(payload));

        assertEquals("payload is not valid JSON", e.getMessage());
        assertNull(e.requestId());
    }

    @Test
    void decodeCountsEveryObjectAndArrayFromThePayloadObjectOn() {
        String arrays = "[".repeat(MessageCodec.MAX_NESTING - 2) + "]".repeat(MessageCodec.MAX_NESTING - 2);

        WireMessage.Request deepest = (WireMessage.Request) codec.decode(request(",\"params\":{\"a\":" + arrays + "}"));
        MeshgateException e = decodeFails(request(",\"params\":{\"a\":[" + arrays + "]}"));

        assertEquals(json("{\"a\":" + arrays + "}"), deepest.params(), "payload, params and 62 arrays: 64 levels");
        assertEquals("payload is not valid JSON", e.getMessage(), "one array more: 65 levels");
    }

    @ParameterizedTest
    @MethodSource("everyKindOfMessage")
    void decodeOfEncodeGivesBackTheMessage(WireMessage message) {
        assertEquals(message, codec.decode(codec.encode(message)));
    }

    @Test
    void encodeOfRequestOmitsDefaultTimeoutAndAbsentIdempotencyKey() throws IOException {
        byte[] payload = codec.encode(new WireMessage.Request("r1", "echo", "ping", null, 0, null));

        assertEquals(json("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"echo\",\"type\":\"ping\",\"params\":{}}"),
                TREES.readTree(payload));
    }

    @Test
    void encodeOfRequestWritesTimeoutAndIdempotencyKey() throws IOException {
        byte[] payload = codec.encode(new WireMessage.Request("r1", "echo", "ping", json("{\"a\":1}"), 250, "k1"));

        assertEquals(json("{\"kind\":\"req\",\"id\":\"r1\",\"service\":\"echo\",\"type\":\"ping\",\"params\":{\"a\":1},"
                + "\"timeoutMs\":250,\"idempotencyKey\":\"k1\"}"), TREES.readTree(payload));
    }

    @Test
    void encodeOfErrorWritesEveryField() throws IOException {
        byte[] payload = codec.encode(new WireMessage.ErrorMessage("r1", "TIMEOUT", "late", "node-a", null));

        assertEquals(json("{\"kind\":\"error\",\"id\":\"r1\",\"code\":\"TIMEOUT\",\"message\":\"late\","
                + "\"ingressNode\":\"node-a\",\"processedBy\":null}"), TREES.readTree(payload));
    }

    @Test
    void encodeOfAnErrorWithAdviceWritesRetryAfterMs() throws IOException {
        byte[] payload = codec.encode(new WireMessage.ErrorMessage("r1", "UNAVAILABLE", "away", "node-a", null, 750));

        assertEquals(json("{\"kind\":\"error\",\"id\":\"r1\",\"code\":\"UNAVAILABLE\",\"message\":\"away\","
                + "\"ingressNode\":\"node-a\",\"processedBy\":null,\"retryAfterMs\":750}"), TREES.readTree(payload));
    }

    @Test
    void aRetryAfterMsOutOfRangeReadsAsNoAdvice() {
        WireMessage m = codec.decode(utf8("{\"kind\":\"error\",\"id\":\"r1\",\"code\":\"UNAVAILABLE\",\"retryAfterMs\":600001}"));

        assertEquals(0, ((WireMessage.ErrorMessage) m).retryAfterMs());
    }

    @Test
    void anErrorCannotAdviseANegativeWait() {
        MeshgateException e = org.junit.jupiter.api.Assertions.assertThrows(MeshgateException.class,
                () -> new WireMessage.ErrorMessage("r1", "UNAVAILABLE", "away", "node-a", null, -1));

        assertEquals("retryAfterMs must be between 0 and 60000", e.getMessage());
    }
}
