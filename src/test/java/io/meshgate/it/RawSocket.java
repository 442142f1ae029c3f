package io.meshgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare WebSocket for sending what no well-behaved client would; records what comes back. */
final class RawSocket implements AutoCloseable {

    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private final WebSocket ws;

    RawSocket(URI uri) throws Exception {
        this(uri, HttpClient.newHttpClient(), java.util.Map.of());
    }

    /** A socket through a given HTTP client (e.g. one with its own TLS identity), with extra upgrade headers. */
    RawSocket(URI uri, HttpClient http, java.util.Map<String, String> headers) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        ws = builder.buildAsync(uri, new WebSocket.Listener() {
            private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onBinary(WebSocket s, ByteBuffer data, boolean last) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                partial.writeBytes(b);
                if (last) {
                    received.add(partial.toByteArray());
                    partial.reset();
                }
                s.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket s, int code, String reason) {
                closeReason = reason;
                closeCode.complete(code);
                return null;
            }

            @Override
            public void onError(WebSocket s, Throwable error) {
                closeCode.complete(1006);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] frame) {
        ws.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    void sendJson(String json) {
        sendBinary(json.getBytes(StandardCharsets.UTF_8));
    }

    void sendText(String text) {
        ws.sendText(text, true).join();
    }

    /** The next message from the server, parsed, or fails after 10 s. */
    JsonNode next() throws InterruptedException, IOException {
        return Json.mapper().readTree(nextRaw());
    }

    /** The next message from the server as bytes, or fails after 10 s. */
    byte[] nextRaw() throws InterruptedException {
        byte[] m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message from the server within 10 s");
        }
        return m;
    }

    /** The close code the server sent, or fails after 10 s. */
    int closeCode() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    /** The reason the server's close frame gave, once {@link #closeCode()} has returned; null after a 1006. */
    String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        ws.abort();
    }
}
