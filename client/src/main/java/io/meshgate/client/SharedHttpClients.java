package io.meshgate.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The JDK HTTP clients of this process: one per set of equal connection settings (TLS or not, the
 * same {@link ClientSecurity}, TLS versions and connect timeout), shared by every
 * {@link MeshgateClient} that has them, so that a process with many sessions runs one selector
 * thread, one executor and one TLS context instead of one each per session.
 *
 * <p>Reference-counted: each client takes a {@link Lease} when it is made and gives it back when
 * its session ends for good; when the last lease of a shared client is given back, the client
 * leaves the table (the JDK's HTTP client has no {@code close} in Java 17: its selector thread ends
 * once nothing refers to it, its last WebSocket included).
 *
 * <p>The negotiated TLS protocol and suite are read from the connection's own {@link SSLEngine}.
 * The shared context hands out one engine per connection, with no word of which connect asked for
 * it; so the TLS connects of one shared client take turns until their engine is made (at the
 * start of a connect, before the TCP connection; the handshakes themselves run side by side), and
 * the engine made during a turn is that connect's. A turn ends when the engine is made or the
 * connect fails; waiting for one is bounded by the connect timeout. Thread-safe.
 */
final class SharedHttpClients {

    private static final Map<Settings, Shared> SHARED = new HashMap<>();

    private SharedHttpClients() {
    }

    /** What makes the connections of two clients interchangeable; {@code security} is null without TLS. */
    record Settings(boolean tls, ClientSecurity security, List<String> tlsProtocols, Duration connectTimeout) {
        static Settings of(URI uri, ClientOptions options) {
            if (!"wss".equalsIgnoreCase(uri.getScheme())) {
                return new Settings(false, null, List.of(), options.connectTimeout());
            }
            if (options.security() == null) {
                throw new IllegalArgumentException("a wss:// access point needs ClientOptions.secure(...)");
            }
            return new Settings(true, options.security(), options.tlsProtocols(), options.connectTimeout());
        }
    }

    /** An open WebSocket and, over TLS, the engine of its connection. */
    record Opened(WebSocket socket, SSLEngine tls) {
    }

    /** A lease on the shared client for these settings, made when none is in use. */
    static Lease lease(URI uri, ClientOptions options) {
        Settings settings = Settings.of(uri, options);
        synchronized (SHARED) {
            Shared shared = SHARED.computeIfAbsent(settings, Shared::new);
            shared.users++;
            return new Lease(shared);
        }
    }

    /** Shared clients in use (for tests). */
    static int inUse() {
        synchronized (SHARED) {
            return SHARED.size();
        }
    }

    /** One client's hold on a shared HTTP client; given back once. */
    static final class Lease implements AutoCloseable {
        private final Shared shared;
        private final AtomicBoolean returned = new AtomicBoolean();

        private Lease(Shared shared) {
            this.shared = shared;
        }

        /** The shared HTTP client (for tests: equal settings give the same one). */
        HttpClient http() {
            return shared.http;
        }

        /**
         * Opens a WebSocket; over TLS it waits (at most the connect timeout) for this shared
         * client's turn first.
         */
        CompletableFuture<Opened> open(URI uri, WebSocket.Listener listener) throws InterruptedException, TimeoutException {
            return shared.open(uri, listener);
        }

        /** Gives the lease back; the last one given back takes the shared client out of the table. */
        @Override
        public void close() {
            if (!returned.compareAndSet(false, true)) {
                return;
            }
            synchronized (SHARED) {
                if (--shared.users == 0) {
                    SHARED.remove(shared.settings, shared);
                }
            }
        }
    }

    private static final class Shared {
        final Settings settings;
        final HttpClient http;
        /** One TLS connect at a time until its engine is made. */
        private final Semaphore turn = new Semaphore(1);
        /** The engine of the connect whose turn it is. */
        private final AtomicReference<CompletableFuture<SSLEngine>> waiting = new AtomicReference<>();
        int users;

        Shared(Settings settings) {
            this.settings = settings;
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.connectTimeout());
            if (settings.tls()) {
                builder.sslContext(RecordingSslContext.wrap(settings.security().tlsContext(), this::engineMade))
                        .sslParameters(new SSLParameters(null, settings.tlsProtocols().toArray(new String[0])));
            }
            this.http = builder.build();
        }

        private void engineMade(SSLEngine engine) {
            CompletableFuture<SSLEngine> connect = waiting.get();
            if (connect != null) {
                connect.complete(engine);
            }
        }

        CompletableFuture<Opened> open(URI uri, WebSocket.Listener listener) throws InterruptedException, TimeoutException {
            Duration timeout = settings.connectTimeout();
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
            if (!settings.tls()) {
                return builder.buildAsync(uri, listener).thenApply(socket -> new Opened(socket, null));
            }
            if (!turn.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("other connects held the TLS context for " + timeout.toMillis() + " ms");
            }
            CompletableFuture<SSLEngine> engine = new CompletableFuture<>();
            waiting.set(engine);
            CompletableFuture<WebSocket> socket;
            try {
                socket = builder.buildAsync(uri, listener);
            } catch (RuntimeException e) {
                endTurn(engine);
                throw e;
            }
            CompletableFuture.anyOf(engine, socket).whenComplete((v, e) -> endTurn(engine));
            return socket.thenApply(s -> new Opened(s, engine.getNow(null)));
        }

        private void endTurn(CompletableFuture<SSLEngine> engine) {
            if (waiting.compareAndSet(engine, null)) {
                turn.release();
            }
        }
    }
}
