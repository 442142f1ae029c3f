package io.meshgate.channel;

import io.meshgate.cluster.SessionGauge;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.PlainFrameLayer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The open client sessions of this node, by session id. Thread-safe. */
@ApplicationScoped
public class SessionRegistry implements SessionGauge {

    @Inject
    Metrics metrics;
    @Inject
    @ConfigProperty(name = "meshgate.frame.maxBytes", defaultValue = "65536")
    int maxFrameBytes;

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final MessageCodec codec = new MessageCodec();
    private PlainFrameLayer plain;

    @PostConstruct
    void init() {
        plain = new PlainFrameLayer(maxFrameBytes);
        metrics.gauge("meshgate_sessions", "open client sessions on this node", this::openSessions);
    }

    /** Opens a session for a new socket, with a fresh 128-bit id. */
    public ClientSession open(Session socket) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        ClientSession s = new ClientSession(Base64.getUrlEncoder().withoutPadding().encodeToString(b), socket, plain,
                codec);
        sessions.put(s.id(), s);
        metrics.increment("meshgate_sessions_opened_total");
        return s;
    }

    /** Removes a closed session. */
    public void closed(String id) {
        sessions.remove(id);
    }

    /** The codec for inbound payloads. */
    public MessageCodec codec() {
        return codec;
    }

    /** The largest frame accepted. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public int openSessions() {
        return sessions.size();
    }
}
