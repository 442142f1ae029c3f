package io.meshgate.channel;

import io.meshgate.cluster.SessionGauge;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.MeshgateException;
import jakarta.annotation.PostConstruct;
import io.meshgate.routing.RequestTimer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The open client sessions of this node, by session id. Thread-safe. */
@ApplicationScoped
public class SessionRegistry implements SessionGauge {

    @Inject
    Metrics metrics;
    @Inject
    ChannelSecurity security;
    @Inject
    RequestTimer timer;
    @Inject
    @ConfigProperty(name = "meshgate.session.maxInFlight", defaultValue = "256")
    int maxInFlight;
    @Inject
    @ConfigProperty(name = "meshgate.session.maxFramesPerSecond", defaultValue = "1000")
    int maxFramesPerSecond;

    @Inject
    @ConfigProperty(name = "meshgate.session.resumeKey")
    java.util.Optional<String> resumeKeyFile;
    @Inject
    io.meshgate.cluster.NodeIdentity identity;

    private SessionLimits limits;
    private io.meshgate.crypto.ResumeTokens tokens;

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final MessageCodec codec = new MessageCodec();

    @PostConstruct
    void init() {
        limits = new SessionLimits(maxInFlight, maxFramesPerSecond);
        if (resumeKeyFile.isPresent() && !resumeKeyFile.get().isBlank()) {
            try {
                byte[] key = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(resumeKeyFile.get()));
                tokens = new io.meshgate.crypto.ResumeTokens(io.meshgate.crypto.SecretKeyBytes.copyOf(key));
                java.util.Arrays.fill(key, (byte) 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the resume key " + resumeKeyFile.get(), e);
            }
        }
        metrics.gauge("meshgate_sessions", "open client sessions on this node", this::openSessions);
    }

    /**
     * Opens a session for a new socket, with a fresh 128-bit id and its frame layer; a secure
     * session that has not finished its handshake within the timeout is closed with 4003.
     */
    public ClientSession open(Session socket, X509Certificate tlsClientCertificate) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        FrameLayer layer = security.newLayer(b, tlsClientCertificate);
        ClientSession s = new ClientSession(Base64.getUrlEncoder().withoutPadding().encodeToString(b), socket, layer,
                codec, limits);
        sessions.put(s.id(), s);
        metrics.increment("meshgate_sessions_opened_total");
        if (!layer.established()) {
            timer.scheduler().schedule(() -> expireHandshake(s), security.handshakeTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return s;
    }

    private void expireHandshake(ClientSession s) {
        if (sessions.containsKey(s.id()) && !s.frames().established()) {
            metrics.protocolError(MeshgateException.Kind.HANDSHAKE_TIMEOUT.code(), s.id(), "handshake not finished in time");
            s.close(MeshgateException.Kind.HANDSHAKE_TIMEOUT.closeCode(), "handshake not finished in time");
        }
    }

    /** The node drains: every session is closed with 1001, and its client resumes on another node. */
    void onDrain(@jakarta.enterprise.event.Observes io.meshgate.cluster.Drain.Started event) {
        for (ClientSession s : sessions.values()) {
            s.close(MeshgateException.Kind.GOING_AWAY.closeCode(), "node " + event.nodeId()
                    + " is draining; resume on another node");
        }
    }

    /** Removes a closed session. */
    public void closed(String id) {
        sessions.remove(id);
    }

    /** The hello for an open session: its id, this node, and its resume token when resume is on. */
    public io.meshgate.wire.WireMessage.Hello hello(ClientSession s) {
        return new io.meshgate.wire.WireMessage.Hello(s.id(), identity.id(), token(s));
    }

    /**
     * Makes {@code s} the session that {@code resume} names, when its token is the one issued for
     * that session, its previous node and the certificate this connection proved; returns the
     * session's new resume token.
     *
     * @throws MeshgateException RESUME_REFUSED when resume is off, the token does not verify, or
     *     the session is still open on this node
     */
    public String resume(ClientSession s, io.meshgate.wire.WireMessage.Resume resume) {
        if (tokens == null) {
            throw refused("this cluster has no resume key");
        }
        if (!tokens.verify(resume.token(), resume.sessionId(), resume.node(), s.frames().peerFingerprint())) {
            throw refused("the resume token does not match the session, its node and this client's certificate");
        }
        if (sessions.containsKey(resume.sessionId())) {
            throw refused("session " + resume.sessionId() + " is open on this node");
        }
        sessions.remove(s.id());
        s.adopt(resume.sessionId());
        sessions.put(s.id(), s);
        return token(s);
    }

    private String token(ClientSession s) {
        return tokens == null ? null : tokens.issue(s.id(), identity.id(), s.frames().peerFingerprint());
    }

    private MeshgateException refused(String why) {
        metrics.increment("meshgate_resumes_refused_total");
        return MeshgateException.of(MeshgateException.Kind.RESUME_REFUSED, why);
    }

    /** The codec for inbound payloads. */
    public MessageCodec codec() {
        return codec;
    }

    @Override
    public int openSessions() {
        return sessions.size();
    }
}
