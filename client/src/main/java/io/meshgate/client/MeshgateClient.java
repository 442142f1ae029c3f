package io.meshgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

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
 * idempotency key while its timeout allows, and ends with the last answer.
 *
 * <p>When the connection drops (the node died or is leaving), the client reconnects through the
 * same access point with backoff and jitter, runs the handshake again and resumes the session with
 * its resume token: the calls in flight are handed to the new node, which delivers their answers
 * (see docs/PROTOCOL.md, "Resume"); calls made meanwhile are sent once the session is back. Only
 * when no resume succeeds within {@link ClientOptions#resumeWindow()} do the calls end
 * {@code DISCONNECTED}.
 *
 * <p>With the secure channel the client speaks only to a node: the SERVER_HELLO must come from a
 * node certificate (key purpose id-kp-meshgateNode, which nginx's lacks), and {@code hello} and
 * {@code resumed} must name the node that certificate names; otherwise it closes with 4002
 * (BAD_CERTIFICATE). Whatever it refuses, it closes with the close code of the refusal. Thread-safe.
 */
public final class MeshgateClient implements AutoCloseable {

    /** Error code of calls that the session's end left unanswered. */
    public static final String DISCONNECTED = "DISCONNECTED";
    /** A DRBG: idempotency keys and jitter without a read of /dev/urandom per call. */
    private static final SecureRandom RANDOM = drbg();

    /** Where the session stands. */
    public enum State {
        /** Connected; calls go out at once. */
        OPEN,
        /** The connection dropped; reconnecting to resume the session. Calls wait. */
        RESUMING,
        /** Closed for good. */
        CLOSED
    }

    private final URI uri;
    private final ClientOptions options;
    private final SharedHttpClients.Lease http;
    /** "no answer ... within" of a call with the default timeout, made once. */
    private final String defaultTimeoutMessage;
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final List<Consumer<WireMessage.Push>> pushListeners = new CopyOnWriteArrayList<>();
    private final Subscriptions subscriptions = new Subscriptions();
    private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Object stateLock = new Object();
    private volatile State state = State.OPEN;
    private volatile Link link;
    private volatile WireMessage.Hello session;
    private volatile CompletableFuture<WireMessage> resumeAnswer;

    private MeshgateClient(URI uri, ClientOptions options) {
        this.uri = uri;
        this.options = options;
        this.defaultTimeoutMessage = timeoutMessage(options.defaultTimeout());
        this.http = SharedHttpClients.lease(uri, options);
    }

    /**
     * Connects and waits for the gateway's hello.
     *
     * @throws MeshgateException of the kind that made this client close the connection (for
     *     example BAD_CERTIFICATE when the node's certificate does not name the node its hello
     *     names), or INTERNAL when the connection could not be made or the gateway closed it
     */
    public static MeshgateClient connect(URI uri, ClientOptions options) {
        MeshgateClient c = new MeshgateClient(uri, options);
        try {
            c.link = c.openLink();
            c.session = c.link.hello.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw MeshgateException.internal("interrupted while connecting to " + uri, e);
        } catch (Exception e) {
            c.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof MeshgateException refused && refused.kind().closesSession()
                    && refused.kind() != MeshgateException.Kind.INTERNAL) {
                throw refused;
            }
            throw MeshgateException.of(MeshgateException.Kind.INTERNAL,
                    "cannot connect to " + uri + ": " + cause).forRequest(null);
        }
        return c;
    }

    /** The negotiated TLS protocol and cipher suite, e.g. {@code TLSv1.3 TLS_AES_128_GCM_SHA256}, or null without TLS. */
    public String tlsSuite() {
        Link l = link;
        SSLEngine e = l == null ? null : l.tls;
        return e == null ? null : e.getSession().getProtocol() + " " + e.getSession().getCipherSuite();
    }

    /** The frame layer's suite: {@code plain} or the secure channel's. */
    public String channelSuite() {
        return link.frames.suite();
    }

    /** The session id the gateway gave this session (it stays the same across resumes). */
    public String sessionId() {
        return session.sessionId();
    }

    /** The node holding this session now. */
    public String node() {
        return session.node();
    }

    /** Where the session stands. */
    public State state() {
        return state;
    }

    /** Adds a listener told each change of {@link #state()} (on the thread that made it). */
    public void onStateChange(Consumer<State> listener) {
        stateListeners.add(listener);
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
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        String id = Long.toString(nextId.incrementAndGet());
        WireMessage.Request request = new WireMessage.Request(id, service, type, params, timeout.toMillis(),
                idempotencyKey);
        CompletableFuture<Response> result = new CompletableFuture<>();
        Call call = new Call(request, System.nanoTime() + timeout.toNanos(), result);
        calls.put(id, call);
        String late = timeout.equals(options.defaultTimeout()) ? defaultTimeoutMessage : timeoutMessage(timeout);
        result.completeOnTimeout(error(id, MeshgateException.Kind.TIMEOUT.code(), late),
                timeout.plus(options.grace()).toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> calls.remove(id));
        if (state == State.CLOSED) {
            result.complete(error(id, DISCONNECTED, "the session is closed"));
        } else {
            sendCall(call, request);
        }
        return result;
    }

    /**
     * Subscribes the session to push topics (each as {@link io.meshgate.wire.Topics#TOPIC} says).
     * Like a call, the stage completes exactly once: with a {@link Response} whose result is
     * {@code {"topics":[...]}}, the session's topics after the change, or with an error
     * ({@code BAD_REQUEST} over the node's limit, {@code TIMEOUT}, {@code DISCONNECTED}).
     * Subscriptions hold across a resume: the client names them in its {@code resume}. Pushes of
     * subscribed topics reach the {@link #onPush} listeners.
     *
     * @throws MeshgateException BAD_REQUEST at once for no topic, too many or a malformed one
     */
    public CompletionStage<Response> subscribe(String... topics) {
        return change(new WireMessage.Subscribe(Long.toString(nextId.incrementAndGet()), List.of(topics)));
    }

    /** Ends subscriptions (topics not subscribed are ignored); otherwise as {@link #subscribe}. */
    public CompletionStage<Response> unsubscribe(String... topics) {
        return change(new WireMessage.Unsubscribe(Long.toString(nextId.incrementAndGet()), List.of(topics)));
    }

    /** The topics the node last confirmed for this session, sorted. */
    public java.util.Set<String> topics() {
        return subscriptions.confirmed();
    }

    private CompletionStage<Response> change(WireMessage message) {
        Subscriptions.Change c = subscriptions.start(message);
        Duration wait = options.defaultTimeout().plus(options.grace());
        c.result().completeOnTimeout(error(c.id(), MeshgateException.Kind.TIMEOUT.code(), defaultTimeoutMessage),
                wait.toMillis(), TimeUnit.MILLISECONDS);
        if (state == State.CLOSED) {
            c.result().complete(error(c.id(), DISCONNECTED, "the session is closed"));
        } else {
            sendChange(c);
        }
        return c.result().minimalCompletionStage();
    }

    /** Sends a subscription change now, or leaves it for the resume while the session is between connections. */
    private void sendChange(Subscriptions.Change c) {
        Link l = link;
        if (state == State.OPEN && l != null) {
            l.send(codec.encode(c.message()), options.compressRequests());
        }
    }

    /** Adds a listener for pushed messages; it runs on the client's reader thread. */
    public void onPush(Consumer<WireMessage.Push> listener) {
        pushListeners.add(listener);
    }

    /** Completes with the close code when the session ends for good. */
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

    /** Calls sent again after a retryable error, since the client was made. */
    public long retries() {
        return retries.get();
    }

    /** Times the session was resumed on a new connection. */
    public long resumes() {
        return resumes.get();
    }

    @Override
    public void close() {
        Link l = link;
        setState(State.CLOSED);
        if (l != null && l.socket != null && !l.socket.isOutputClosed()) {
            l.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ended(WebSocket.NORMAL_CLOSURE, "client closed the session");
    }

    // ----- sending

    /** Sends a call now, or leaves it for the resume when the session is between connections. */
    private void sendCall(Call call, WireMessage.Request request) {
        Link l = link;
        if (state != State.OPEN || l == null) {
            return;
        }
        call.sent.set(true);
        l.send(codec.encode(request), options.compressRequests()).exceptionally(e -> {
            if (l == link && state == State.OPEN && !options.resume()) {
                call.result.complete(error(request.id(), DISCONNECTED, "send failed: " + e.getMessage()));
            }
            return null;
        });
    }

    /**
     * Sends a call again after a retryable error ({@code UNAVAILABLE}: nothing ran) with the same
     * id and idempotency key, after {@link RetryDelay#afterUnavailable}, with the time it has left
     * when it is sent (a retry that runs late, on a busy machine, must not give the gateway a
     * deadline past the call's own: its answer would come after the call had ended); false when
     * the call has no time left for it. A retry whose time has run out by then ends the call
     * with the refusal it retried.
     */
    private boolean retry(Call call, Response refusal, int attempt, long retryAfterMs) {
        long backoffMs = RetryDelay.afterUnavailable(attempt, retryAfterMs, RANDOM);
        if (call.leftMs() - backoffMs < 1) {
            return false;
        }
        retries.incrementAndGet();
        CompletableFuture.delayedExecutor(backoffMs, TimeUnit.MILLISECONDS).execute(() -> {
            long leftMs = call.leftMs();
            if (leftMs < 1) {
                call.result.complete(refusal);
            }
            if (call.result.isDone()) {
                return;
            }
            WireMessage.Request r = call.request;
            sendCall(call, new WireMessage.Request(r.id(), r.service(), r.type(), r.params(), leftMs,
                    r.idempotencyKey()));
        });
        return true;
    }

    // ----- receiving

    private void onFrame(Link l, ByteBuffer frame) {
        FrameLayer.Inbound in = l.frames.open(frame);
        l.sendFrames(in.replies());
        if (in.payload() == null) {
            return;
        }
        WireMessage m = codec.decode(in.payload());
        if (m instanceof WireMessage.Hello h) {
            l.frames.verifyNode("hello", h.node());
            l.hello.complete(h);
        } else if (m instanceof WireMessage.Resumed r) {
            l.frames.verifyNode("resumed", r.node());
            CompletableFuture<WireMessage> waiting = resumeAnswer;
            if (waiting != null) {
                waiting.complete(r);
            }
        } else if (subscriptions.answer(m)) {
            return;
        } else if (m instanceof WireMessage.Response r) {
            complete(new Response(r.id(), true, r.result(), null, null, r.ingressNode(), r.processedBy()), 0);
        } else if (m instanceof WireMessage.ErrorMessage e) {
            CompletableFuture<WireMessage> waiting = resumeAnswer;
            if (e.id() == null && MeshgateException.Kind.RESUME_REFUSED.code().equals(e.code()) && waiting != null) {
                waiting.complete(e);
                return;
            }
            complete(new Response(e.id(), false, null, e.code(), e.message(), e.ingressNode(), e.processedBy()),
                    e.retryAfterMs());
        } else if (m instanceof WireMessage.Push p) {
            pushListeners.forEach(listener -> listener.accept(p));
        }
    }

    private void complete(Response r, long retryAfterMs) {
        Call call = r.id() == null ? null : calls.get(r.id());
        if (call == null) {
            unmatched.incrementAndGet();
            return;
        }
        if (!r.ok() && MeshgateException.Kind.ofCode(r.errorCode()).retryable()
                && retry(call, r, call.attempts.getAndIncrement(), retryAfterMs)) {
            return;
        }
        if (!call.result.complete(r)) {
            unmatched.incrementAndGet();
        }
    }

    // ----- losing and resuming the connection

    /**
     * The connection ended with this code. A code that says the peer will not have us back
     * (protocol errors, normal closure) ends the session; a dropped connection or a node going away
     * starts a resume when the session has a resume token.
     */
    private void lost(Link l, int code, String reason) {
        if (l != link || state != State.OPEN) {
            return;
        }
        boolean resumable = code == 1006 || code == 1001 || code == 1012 || code == 1013;
        if (!resumable || !options.resume() || session == null || session.resumeToken() == null) {
            ended(code, reason);
            return;
        }
        setState(State.RESUMING);
        Thread t = new Thread(() -> resumeLoop(code, reason), "meshgate-resume");
        t.setDaemon(true);
        t.start();
    }

    private void resumeLoop(int code, String reason) {
        long end = System.nanoTime() + options.resumeWindow().toNanos();
        long backoffMs = 100;
        String last = code + " " + reason;
        while (state == State.RESUMING && System.nanoTime() < end) {
            try {
                TimeUnit.MILLISECONDS.sleep(RetryDelay.jitter(backoffMs, RANDOM));
                if (tryResume()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                last = String.valueOf(e.getMessage());
            }
            backoffMs = Math.min(2_000, backoffMs * 2);
        }
        if (state == State.RESUMING) {
            ended(code, "could not resume the session within " + options.resumeWindow().toMillis() + " ms: " + last);
        }
    }

    /** One attempt: a new connection, the handshake, then {@code resume}; true when the session is open again. */
    private boolean tryResume() throws Exception {
        Link fresh = openLink();
        try {
            return resumeOn(fresh);
        } catch (Exception e) {
            resumeAnswer = null;
            if (fresh.socket != null) {
                fresh.socket.abort();
            }
            throw e;
        }
    }

    private boolean resumeOn(Link fresh) throws Exception {
        WireMessage.Hello hello = fresh.hello.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        WireMessage.Hello previous = session;
        List<Call> inDoubt = new ArrayList<>();
        List<WireMessage.Request> requests = new ArrayList<>();
        for (Call c : calls.values()) {
            long left = c.leftMs();
            if (c.sent.get() && !c.result.isDone() && left > 0) {
                inDoubt.add(c);
                WireMessage.Request r = c.request;
                requests.add(new WireMessage.Request(r.id(), r.service(), r.type(), r.params(), left,
                        r.idempotencyKey()));
            }
        }
        CompletableFuture<WireMessage> answer = new CompletableFuture<>();
        resumeAnswer = answer;
        link = fresh;
        fresh.send(codec.encode(new WireMessage.Resume(previous.sessionId(), previous.node(),
                previous.resumeToken(), requests, List.copyOf(subscriptions.confirmed()))), options.compressRequests());
        WireMessage result = answer.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        resumeAnswer = null;
        if (result instanceof WireMessage.Resumed r) {
            session = new WireMessage.Hello(r.sessionId(), r.node(), r.resumeToken());
            resumes.incrementAndGet();
        } else {
            String why = ((WireMessage.ErrorMessage) result).message();
            inDoubt.forEach(c -> c.result.complete(error(c.request.id(), DISCONNECTED, "resume refused: " + why)));
            session = hello;
            if (!subscriptions.confirmed().isEmpty()) {
                // a new session: subscribe it to the topics the old one had
                subscriptions.start(new WireMessage.Subscribe(Long.toString(nextId.incrementAndGet()),
                        List.copyOf(subscriptions.confirmed())));
            }
        }
        setState(State.OPEN);
        subscriptions.waiting().forEach(this::sendChange);
        for (Call c : calls.values()) {
            if (!c.sent.get() && !c.result.isDone()) {
                sendCall(c, c.request.withTimeout(Math.max(1, c.leftMs())));
            }
        }
        return true;
    }

    private void ended(int code, String reason) {
        setState(State.CLOSED);
        http.close();
        Link l = link;
        if (l != null) {
            l.hello.completeExceptionally(MeshgateException.of(MeshgateException.Kind.INTERNAL,
                    "session closed before hello: " + code + " " + reason));
        }
        calls.forEach((id, c) -> c.result.complete(error(id, DISCONNECTED, "session closed: " + code + " " + reason)));
        subscriptions.failAll(DISCONNECTED, "session closed: " + code + " " + reason);
        closed.complete(code);
    }

    private void setState(State next) {
        synchronized (stateLock) {
            if (state == next || state == State.CLOSED) {
                return;
            }
            state = next;
        }
        stateListeners.forEach(l -> l.accept(next));
    }

    // ----- connections

    /** Opens a WebSocket with a fresh frame layer and starts its handshake. */
    private Link openLink() throws Exception {
        Link l = new Link(options.newFrameLayer());
        SharedHttpClients.Opened opened = http.open(uri, l.listener)
                .get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        l.tls = opened.tls();
        l.socket = opened.socket();
        l.sendFrames(l.frames.start());
        return l;
    }

    /** One WebSocket connection with its frame layer; events of a replaced connection are ignored. */
    private final class Link {
        final FrameLayer frames;
        final CompletableFuture<WireMessage.Hello> hello = new CompletableFuture<>();
        final Listener listener = new Listener(this);
        private final Object sendLock = new Object();
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
        volatile WebSocket socket;
        /** The TLS engine of this connection, or null without TLS. */
        volatile SSLEngine tls;

        Link(FrameLayer frames) {
            this.frames = frames;
        }

        CompletableFuture<?> send(byte[] payload, boolean compress) {
            synchronized (sendLock) {
                return sendFrames(frames.seal(payload, compress));
            }
        }

        CompletableFuture<?> sendFrames(List<ByteBuffer> out) {
            synchronized (sendLock) {
                for (ByteBuffer frame : out) {
                    // the JDK's WebSocket takes one send at a time: wait for the last one unless it is done
                    lastSend = lastSend.isDone() ? socket.sendBinary(frame, true)
                            : lastSend.handle((v, e) -> null).thenCompose(v -> socket.sendBinary(frame, true));
                }
                return lastSend;
            }
        }
    }

    /** Reassembles binary messages and dispatches them; runs on the HTTP client's thread. */
    private final class Listener implements WebSocket.Listener {
        private final Link owner;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Listener(Link owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (partial.size() + data.remaining() > options.maxFrameBytes()) {
                ws.sendClose(MeshgateException.Kind.FRAME_TOO_LARGE.closeCode(), "frame too large");
                ended(MeshgateException.Kind.FRAME_TOO_LARGE.closeCode(), "frame from gateway too large");
                return null;
            }
            ByteBuffer whole = null;
            if (last && partial.size() == 0) {
                whole = data; // the usual case, a message in one piece: opened where it lies, no copy
            } else if (data.hasArray()) {
                partial.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            } else {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                partial.writeBytes(chunk);
            }
            if (last) {
                if (whole == null) {
                    whole = ByteBuffer.wrap(partial.toByteArray());
                    partial.reset();
                }
                try {
                    onFrame(owner, whole);
                } catch (MeshgateException e) {
                    refuse(ws, e);
                    return null;
                }
            }
            ws.request(1);
            return null;
        }

        /**
         * Closes the connection because of what the gateway sent: with the close code of the
         * error's kind (4002 for a certificate that does not name the node, say), or 1007 for a
         * payload this client cannot read; the session ends.
         */
        private void refuse(WebSocket ws, MeshgateException e) {
            int code = e.kind().closesSession() ? e.kind().closeCode()
                    : MeshgateException.Kind.MALFORMED_FRAME.closeCode();
            owner.hello.completeExceptionally(e);
            ws.sendClose(code, closeReason(e.getMessage()));
            ended(code, e.getMessage());
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.sendClose(1003, "binary frames only");
            ended(1003, "gateway sent text");
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            owner.hello.completeExceptionally(MeshgateException.of(MeshgateException.Kind.INTERNAL,
                    "closed before hello: " + statusCode + " " + reason));
            lost(owner, statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            owner.hello.completeExceptionally(error);
            lost(owner, 1006, String.valueOf(error.getMessage()));
        }
    }

    /** A call in flight: what was sent, when its time is up, and its outcome. */
    private static final class Call {
        final WireMessage.Request request;
        final long deadlineNanos;
        final CompletableFuture<Response> result;
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicBoolean sent = new AtomicBoolean();

        Call(WireMessage.Request request, long deadlineNanos, CompletableFuture<Response> result) {
            this.request = request;
            this.deadlineNanos = deadlineNanos;
            this.result = result;
        }

        long leftMs() {
            return (deadlineNanos - System.nanoTime()) / 1_000_000;
        }
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private String timeoutMessage(Duration timeout) {
        return "no answer from the gateway within " + timeout.plus(options.grace()).toMillis() + " ms";
    }

    /** 128 random bits, base64url: unique per call across clients. */
    private static String newIdempotencyKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The message cut to the 123 bytes of UTF-8 that a WebSocket close reason may have. */
    private static String closeReason(String message) {
        String reason = message == null ? "" : message;
        while (reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return reason;
    }

    private static Response error(String id, String code, String message) {
        return new Response(id, false, null, code, message, null, null);
    }
}
