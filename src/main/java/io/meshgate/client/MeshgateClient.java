package io.meshgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.function.Consumer;

/**
 * The Java client: one WebSocket session to a meshgate access point (nginx or a node).
 *
 * <pre>{@code
 * try (MeshgateClient c = MeshgateClient.connect(URI.create("ws://127.0.0.1:8080/ws"), ClientOptions.defaults())) {
 *     Response r = c.call("echo", "echo", params).toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p>Every call completes exactly once: with the gateway's response or error, with
 * {@code TIMEOUT} when the gateway did not answer within the timeout plus a grace period, or with
 * {@code DISCONNECTED} when the session ends first. A call answered {@code UNAVAILABLE} (nothing
 * ran: the node has lost the broker or does not know the cluster yet) is sent again with the same
 * idempotency key while its timeout allows, and ends with the last answer. Thread-safe.
 */
public final class MeshgateClient implements AutoCloseable {

    /** Error code of calls that the session's end left unanswered. */
    public static final String DISCONNECTED = "DISCONNECTED";
    private static final java.security.SecureRandom KEYS = new java.security.SecureRandom();

    private final ClientOptions options;
    private final MessageCodec codec = new MessageCodec();
    private final FrameLayer frames;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private final List<Consumer<WireMessage.Push>> pushListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final CompletableFuture<WireMessage.Hello> hello = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private final AtomicReference<SSLEngine> tlsEngine = new AtomicReference<>();

    private MeshgateClient(ClientOptions options) {
        this.options = options;
        this.frames = options.newFrameLayer();
    }

    /** Connects and waits for the gateway's hello. */
    public static MeshgateClient connect(URI uri, ClientOptions options) {
        MeshgateClient c = new MeshgateClient(options);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if ("wss".equalsIgnoreCase(uri.getScheme())) {
            if (options.security() == null) {
                throw new IllegalArgumentException("a wss:// access point needs ClientOptions.secure(...)");
            }
            builder.sslContext(RecordingSslContext.wrap(options.security().tlsContext(), c.tlsEngine))
                    .sslParameters(new SSLParameters(null, options.tlsProtocols().toArray(new String[0])));
        }
        HttpClient http = builder.build();
        try {
            c.socket = http.newWebSocketBuilder().connectTimeout(options.connectTimeout())
                    .buildAsync(uri, c.new Listener()).get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            c.sendFrames(c.frames.start());
            c.hello.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MeshgateException.internal("interrupted while connecting to " + uri, e);
        } catch (Exception e) {
            c.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw MeshgateException.of(MeshgateException.Kind.INTERNAL,
                    "cannot connect to " + uri + ": " + cause).forRequest(null);
        }
        return c;
    }

    /** The negotiated TLS protocol and cipher suite, e.g. {@code TLSv1.3 TLS_AES_128_GCM_SHA256}, or null without TLS. */
    public String tlsSuite() {
        SSLEngine e = tlsEngine.get();
        return e == null ? null : e.getSession().getProtocol() + " " + e.getSession().getCipherSuite();
    }

    /** The frame layer's suite: {@code plain} or the secure channel's. */
    public String channelSuite() {
        return frames.suite();
    }

    /** The session id the gateway gave this session. */
    public String sessionId() {
        return hello.join().sessionId();
    }

    /** The node holding this session. */
    public String node() {
        return hello.join().node();
    }

    /** Calls a service with the default timeout. */
    public CompletionStage<Response> call(String service, String type, JsonNode params) {
        return call(service, type, params, options.defaultTimeout());
    }

    /**
     * Calls a service with an idempotency key made for this call; the returned stage completes
     * exactly once (see the class description).
     */
    public CompletionStage<Response> call(String service, String type, JsonNode params, Duration timeout) {
        return call(service, type, params, timeout, newIdempotencyKey());
    }

    /**
     * Calls a service with the caller's idempotency key: the same key on a retried call lets the
     * cluster recognise it (the handler sees it in {@code ServiceCall.idempotencyKey()}).
     */
    public CompletionStage<Response> call(String service, String type, JsonNode params, Duration timeout,
                                          String idempotencyKey) {
        java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        String id = Long.toString(nextId.incrementAndGet());
        WireMessage.Request request = new WireMessage.Request(id, service, type, params, timeout.toMillis(),
                idempotencyKey);
        CompletableFuture<Response> result = new CompletableFuture<>();
        calls.put(id, new Call(request, System.nanoTime() + timeout.toNanos(), result));
        result.completeOnTimeout(error(id, MeshgateException.Kind.TIMEOUT.code(),
                        "no answer from the gateway within " + timeout.plus(options.grace()).toMillis() + " ms"),
                timeout.plus(options.grace()).toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> calls.remove(id));
        sendRequest(request, result);
        return result;
    }

    private void sendRequest(WireMessage.Request request, CompletableFuture<Response> result) {
        send(codec.encode(request)).exceptionally(e -> {
            result.complete(error(request.id(), DISCONNECTED, "send failed: " + e.getMessage()));
            return null;
        });
    }

    /**
     * Sends a call again after a retryable error ({@code UNAVAILABLE}: nothing ran) with the same
     * id and idempotency key and the time it has left, after a backoff (50 ms doubling to 1 s,
     * with jitter); false when the call has no time left for it.
     */
    private boolean retry(Call call, int attempt) {
        long backoffMs = Math.min(1_000, 50L << Math.min(attempt, 5));
        backoffMs = backoffMs / 2 + KEYS.nextInt((int) backoffMs / 2 + 1);
        long leftMs = (call.deadlineNanos() - System.nanoTime()) / 1_000_000 - backoffMs;
        if (leftMs < 1) {
            return false;
        }
        WireMessage.Request r = call.request();
        WireMessage.Request again = new WireMessage.Request(r.id(), r.service(), r.type(), r.params(), leftMs,
                r.idempotencyKey());
        retries.incrementAndGet();
        CompletableFuture.delayedExecutor(backoffMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (!call.result().isDone()) {
                sendRequest(again, call.result());
            }
        });
        return true;
    }

    /** Calls sent again after a retryable error, since the client was made. */
    public long retries() {
        return retries.get();
    }

    /** Adds a listener for pushed messages; it runs on the client's reader thread. */
    public void onPush(Consumer<WireMessage.Push> listener) {
        pushListeners.add(listener);
    }

    /** Completes with the close code when the session ends. */
    public CompletionStage<Integer> closed() {
        return closed;
    }

    /**
     * Answers that matched no call in flight: a duplicate, a reply after the local timeout, or an
     * error about the session itself. Zero in a healthy session.
     */
    public long unmatchedAnswers() {
        return unmatched.get();
    }

    /** Calls in flight. */
    public int pendingCalls() {
        return calls.size();
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ended(WebSocket.NORMAL_CLOSURE, "client closed the session");
    }

    private CompletableFuture<?> send(byte[] payload) {
        synchronized (sendLock) {
            return sendFrames(frames.seal(payload, options.compressRequests()));
        }
    }

    private CompletableFuture<?> sendFrames(List<ByteBuffer> out) {
        synchronized (sendLock) {
            for (ByteBuffer frame : out) {
                lastSend = lastSend.handle((v, e) -> null).thenCompose(v -> socket.sendBinary(frame, true));
            }
            return lastSend;
        }
    }

    private void onFrame(ByteBuffer frame) {
        FrameLayer.Inbound in = frames.open(frame);
        sendFrames(in.replies());
        if (in.payload() == null) {
            return;
        }
        WireMessage m = codec.decode(in.payload());
        if (m instanceof WireMessage.Hello h) {
            hello.complete(h);
        } else if (m instanceof WireMessage.Response r) {
            complete(new Response(r.id(), true, r.result(), null, null, r.ingressNode(), r.processedBy()));
        } else if (m instanceof WireMessage.ErrorMessage e) {
            complete(new Response(e.id(), false, null, e.code(), e.message(), e.ingressNode(), e.processedBy()));
        } else if (m instanceof WireMessage.Push p) {
            pushListeners.forEach(l -> l.accept(p));
        }
    }

    private void complete(Response r) {
        Call call = r.id() == null ? null : calls.get(r.id());
        if (call == null) {
            unmatched.incrementAndGet();
            return;
        }
        if (!r.ok() && MeshgateException.Kind.ofCode(r.errorCode()).retryable()
                && retry(call, call.attempts().getAndIncrement())) {
            return;
        }
        if (!call.result().complete(r)) {
            unmatched.incrementAndGet();
        }
    }

    /** A call in flight: what was sent, when its time is up, and its outcome. */
    private record Call(WireMessage.Request request, long deadlineNanos, CompletableFuture<Response> result,
                        java.util.concurrent.atomic.AtomicInteger attempts) {
        Call(WireMessage.Request request, long deadlineNanos, CompletableFuture<Response> result) {
            this(request, deadlineNanos, result, new java.util.concurrent.atomic.AtomicInteger());
        }
    }

    private void ended(int code, String reason) {
        hello.completeExceptionally(MeshgateException.of(MeshgateException.Kind.INTERNAL,
                "session closed before hello: " + code + " " + reason));
        calls.forEach((id, c) -> c.result().complete(error(id, DISCONNECTED, "session closed: " + code + " " + reason)));
        closed.complete(code);
    }

    /** 128 random bits, base64url: unique per call across clients. */
    private static String newIdempotencyKey() {
        byte[] b = new byte[16];
        KEYS.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Response error(String id, String code, String message) {
        return new Response(id, false, null, code, message, null, null);
    }

    /** Reassembles binary messages and dispatches them; runs on the HTTP client's thread. */
    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            if (partial.size() + chunk.length > options.maxFrameBytes()) {
                ws.sendClose(MeshgateException.Kind.FRAME_TOO_LARGE.closeCode(), "frame too large");
                ended(MeshgateException.Kind.FRAME_TOO_LARGE.closeCode(), "frame from gateway too large");
                return null;
            }
            partial.writeBytes(chunk);
            if (last) {
                byte[] whole = partial.toByteArray();
                partial.reset();
                try {
                    onFrame(ByteBuffer.wrap(whole));
                } catch (MeshgateException e) {
                    ws.sendClose(MeshgateException.Kind.MALFORMED_FRAME.closeCode(), "unreadable frame");
                    ended(MeshgateException.Kind.MALFORMED_FRAME.closeCode(), e.getMessage());
                    return null;
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.sendClose(1003, "binary frames only");
            ended(1003, "gateway sent text");
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ended(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended(1006, String.valueOf(error.getMessage()));
        }
    }
}
