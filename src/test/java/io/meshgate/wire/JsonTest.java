package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    private final MessageCodec codec = new MessageCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEmbeddedResultIsWrittenIntoTheResponseAsItsBytes() throws IOException {
        String result = "{\"b\":[1,2.50,\"ü\\n\"],\"a\":null}";

        String frame = new String(codec.encode(new WireMessage.Response("r1", Json.embedded(utf8(result)), "n1", "n2")),
                StandardCharsets.UTF_8);

        assertEquals("{\"kind\":\"res\",\"id\":\"r1\",\"result\":" + result
                + ",\"ingressNode\":\"n1\",\"processedBy\":\"n2\"}", frame);
    }

    @Test
    void aResponseWithAnEmbeddedResultDecodesLikeOneWithAParsedResult() throws IOException {
        byte[] result = utf8("{\"rows\":[{\"id\":7,\"name\":\"Zoë\"}],\"more\":false}");

        WireMessage embedded = codec.decode(codec.encode(new WireMessage.Response("r1", Json.embedded(result), "n1", "n2")));
        WireMessage parsed = codec.decode(codec.encode(
                new WireMessage.Response("r1", Json.mapper().readTree(result), "n1", "n2")));

        assertEquals(parsed, embedded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{\"a\":1", "{\"a\":1}}", "{} {}", "[1,]", "tru", "{\"a\":1} x"})
    void bytesThatAreNotExactlyOneWellFormedValueAreRefused(String json) {
        assertThrows(IOException.class, () -> Json.embedded(utf8(json)));
    }

    @Test
    void anEmbeddedValueNestedDeeperThanTheLimitsIsRefused() {
        byte[] deep = utf8("[".repeat(5_000) + "]".repeat(5_000));

        assertThrows(IOException.class, () -> Json.embedded(deep));
    }
}
