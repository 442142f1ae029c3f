package io.meshgate.client;

import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.PlainFrameLayer;
import io.meshgate.wire.SecureChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link MeshgateClient}, built with safe defaults.
 *
 * @param connectTimeout  how long connecting (socket and hello) may take
 * @param defaultTimeout  request timeout when a call gives none
 * @param grace           how much longer than a request's timeout the client waits for the
 *                        gateway's own answer before giving up locally
 * @param maxFrameBytes   largest frame accepted from the gateway
 * @param security        the secure channel's credentials, or null for plain frames
 * @param tlsProtocols    the TLS versions offered to a {@code wss://} access point (default TLSv1.3 only)
 * @param compressRequests whether requests may be compressed before they are sealed (default true;
 *                        switch off when requests mix secrets with attacker-influenced data)
 * @param resume          whether a dropped session is resumed on a new connection (default true)
 * @param resumeWindow    how long the client keeps trying to resume before the calls in flight end
 *                        {@code DISCONNECTED} (default 30 s)
 */
public record ClientOptions(Duration connectTimeout, Duration defaultTimeout, Duration grace, int maxFrameBytes,
                            ClientSecurity security, java.util.List<String> tlsProtocols, boolean compressRequests,
                            boolean resume, Duration resumeWindow) {

    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(resumeWindow, "resumeWindow");
        tlsProtocols = java.util.List.copyOf(tlsProtocols);
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024");
        }
    }

    /**
     * A new frame layer for one session with these options: the client side of the secure channel
     * when {@link #security()} is set, plain frames otherwise.
     */
    public FrameLayer newFrameLayer() {
        if (security == null) {
            return new PlainFrameLayer(maxFrameBytes);
        }
        return SecureChannel.client(security.credential().chain(), security.credential().key(),
                chain -> security.serverVerifier().verify(chain, Usage.SERVER_AUTH),
                FrameLimits.defaults().withMaxFrameBytes(maxFrameBytes), Duration.ofHours(1), Clock.systemUTC());
    }

    /** The defaults: 10 s connect, 10 s request timeout, 2 s grace, 1 MiB frames, plain frames. */
    public static ClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults pre-set. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration defaultTimeout = Duration.ofSeconds(10);
        private Duration grace = Duration.ofSeconds(2);
        private int maxFrameBytes = 1024 * 1024;
        private ClientSecurity security;
        private java.util.List<String> tlsProtocols = java.util.List.of("TLSv1.3");
        private boolean compressRequests = true;
        private boolean resume = true;
        private Duration resumeWindow = Duration.ofSeconds(30);

        public Builder connectTimeout(Duration d) {
            connectTimeout = d;
            return this;
        }

        public Builder defaultTimeout(Duration d) {
            defaultTimeout = d;
            return this;
        }

        public Builder grace(Duration d) {
            grace = d;
            return this;
        }

        public Builder maxFrameBytes(int n) {
            maxFrameBytes = n;
            return this;
        }

        /** Runs the secure channel with these credentials. */
        public Builder secure(ClientSecurity s) {
            security = s;
            return this;
        }

        /** The TLS versions to offer (tests use this to try older ones). */
        public Builder tlsProtocols(String... protocols) {
            tlsProtocols = java.util.List.of(protocols);
            return this;
        }

        /** Whether requests may be compressed before they are sealed. */
        public Builder compressRequests(boolean on) {
            compressRequests = on;
            return this;
        }

        /** Whether a dropped session is resumed on a new connection, and for how long the client tries. */
        public Builder resume(boolean on, Duration window) {
            resume = on;
            resumeWindow = window;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(connectTimeout, defaultTimeout, grace, maxFrameBytes, security, tlsProtocols,
                    compressRequests, resume, resumeWindow);
        }
    }
}
