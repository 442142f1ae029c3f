package io.meshgate.envelope;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixed requests, replies and envelopes shared by the envelope tests (times whole milliseconds). */
final class Fixtures {

    static final Instant REQUEST_TIME = Instant.parse("2025-01-02T03:04:05.123Z");
    static final Instant DEADLINE = Instant.parse("2025-01-02T03:04:10.123Z");
    static final Instant REPLY_TIME = Instant.parse("2025-01-02T03:04:06.456Z");
    static final String PARAMS = "{\"text\":\"hi\",\"n\":3}";
    static final String ERROR_MESSAGE = "declined by 4 nodes: every node at its limit";

    private Fixtures() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static MeshRequest request() {
        return new MeshRequest("c0ffee-0001", "echo", "ping", utf8(PARAMS), "sess-1", "node-a",
                "meshgate.reply.node-a", DEADLINE, 60, 1, "key-1", REQUEST_TIME, null);
    }

    static MeshRequest requestWithoutIdempotencyKey() {
        return new MeshRequest("c0ffee-0002", "work", "spin", utf8("{}"), "sess-2", "node-c",
                "meshgate.reply.node-c", DEADLINE, 0, 0, null, REQUEST_TIME, null);
    }

    static MeshReply resultReply() {
        return MeshReply.result("c0ffee-0001", "node-b", utf8(PARAMS), REPLY_TIME);
    }

    static MeshReply errorReply() {
        return MeshReply.error("c0ffee-0001", "node-b", null, "OVERLOADED", ERROR_MESSAGE, REPLY_TIME);
    }

    /** The envelope with its extensions replaced. */
    static Envelope withExtensions(Envelope e, Map<String, Object> extensions) {
        return new Envelope(e.id(), e.source(), e.type(), e.subject(), e.time(), e.dataContentType(), extensions,
                e.data());
    }

    /** The envelope without one extension. */
    static Envelope without(Envelope e, String extension) {
        Map<String, Object> ext = new LinkedHashMap<>(e.extensions());
        ext.remove(extension);
        return withExtensions(e, ext);
    }

    static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertSameRequest(MeshRequest expected, MeshRequest actual) {
        assertAll(
                () -> assertEquals(expected.correlationId(), actual.correlationId(), "correlationId"),
                () -> assertEquals(expected.service(), actual.service(), "service"),
                () -> assertEquals(expected.operation(), actual.operation(), "operation"),
                () -> assertArrayEquals(expected.params(), actual.params(), "params"),
                () -> assertEquals(expected.sessionId(), actual.sessionId(), "sessionId"),
                () -> assertEquals(expected.originNode(), actual.originNode(), "originNode"),
                () -> assertEquals(expected.replyTo(), actual.replyTo(), "replyTo"),
                () -> assertEquals(expected.deadline(), actual.deadline(), "deadline"),
                () -> assertEquals(expected.loadFactor(), actual.loadFactor(), "loadFactor"),
                () -> assertEquals(expected.hops(), actual.hops(), "hops"),
                () -> assertEquals(expected.idempotencyKey(), actual.idempotencyKey(), "idempotencyKey"),
                () -> assertEquals(expected.time(), actual.time(), "time"));
    }

    static void assertSameReply(MeshReply expected, MeshReply actual) {
        assertAll(
                () -> assertEquals(expected.correlationId(), actual.correlationId(), "correlationId"),
                () -> assertEquals(expected.processedBy(), actual.processedBy(), "processedBy"),
                () -> assertEquals(expected.errorCode(), actual.errorCode(), "errorCode"),
                () -> assertArrayEquals(expected.body(), actual.body(), "body"),
                () -> assertEquals(expected.source(), actual.source(), "source"),
                () -> assertEquals(expected.time(), actual.time(), "time"));
    }
}
