package io.meshgate.channel;

import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.DenyList;
import io.meshgate.crypto.pki.PemFiles;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.PlainFrameLayer;
import io.meshgate.wire.SecureChannel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How this node protects client sessions, from configuration: {@code meshgate.channel.mode}
 * {@code plain} (frames are the payloads) or {@code secure} (the in-socket handshake and sealed
 * frames of {@link SecureChannel}, with the node's certificate and key and the root CA from
 * {@code meshgate.pki.*}). The deny list file is read again when it changes, so a revoked client
 * certificate is refused from the next handshake on, without a restart. Thread-safe.
 */
@ApplicationScoped
public class ChannelSecurity {

    private static final Logger LOG = Logger.getLogger(ChannelSecurity.class.getName());

    @Inject
    @ConfigProperty(name = "meshgate.channel.mode", defaultValue = "plain")
    String mode;
    @Inject
    @ConfigProperty(name = "meshgate.pki.ca")
    Optional<String> caFile;
    @Inject
    @ConfigProperty(name = "meshgate.pki.certificate")
    Optional<String> certificateFile;
    @Inject
    @ConfigProperty(name = "meshgate.pki.key")
    Optional<String> keyFile;
    @Inject
    @ConfigProperty(name = "meshgate.pki.denyList")
    Optional<String> denyListFile;
    @Inject
    @ConfigProperty(name = "meshgate.frame.maxBytes", defaultValue = "65536")
    int maxFrameBytes;
    @Inject
    @ConfigProperty(name = "meshgate.channel.rekeyAfterMs", defaultValue = "3600000")
    long rekeyAfterMs;
    @Inject
    @ConfigProperty(name = "meshgate.channel.handshakeTimeoutMs", defaultValue = "5000")
    long handshakeTimeoutMs;
    @Inject
    @ConfigProperty(name = "meshgate.channel.requireTlsClientCertificate", defaultValue = "true")
    boolean requireTlsClientCertificate;

    private boolean secure;
    private PlainFrameLayer plain;
    private Credential credential;
    private FrameLimits limits;
    private volatile CertificateVerifier verifier;
    private volatile FileTime denyListStamp;

    @PostConstruct
    void init() {
        plain = new PlainFrameLayer(maxFrameBytes);
        secure = switch (mode.toLowerCase(Locale.ROOT)) {
            case "secure" -> true;
            case "plain" -> false;
            default -> throw new IllegalStateException("meshgate.channel.mode must be 'secure' or 'plain', not " + mode);
        };
        if (!secure) {
            LOG.warning("client sessions use plain frames (meshgate.channel.mode=plain): no app-level encryption");
            return;
        }
        try {
            X509Certificate root = PemFiles.readCertificate(path(caFile, "meshgate.pki.ca"));
            credential = PemFiles.readCredential(path(certificateFile, "meshgate.pki.certificate"),
                    path(keyFile, "meshgate.pki.key"), root);
            verifier = new CertificateVerifier(root, readDenyList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node's PKI files", e);
        }
        limits = FrameLimits.defaults().withMaxFrameBytes(maxFrameBytes);
        LOG.info(() -> "client sessions use the secure channel " + SecureChannel.SUITE + " as "
                + credential.certificate().getSubjectX500Principal().getName());
    }

    /** Whether sessions run the secure channel. */
    public boolean secure() {
        return secure;
    }

    /**
     * Whether a secure session needs a client certificate verified by TLS (from the trusted
     * proxy); the handshake's certificate must then be that one (channel binding).
     */
    public boolean requiresTlsClientCertificate() {
        return requireTlsClientCertificate;
    }

    /** How long a session may take to finish its handshake. */
    public Duration handshakeTimeout() {
        return Duration.ofMillis(handshakeTimeoutMs);
    }

    /**
     * The frame layer of a new session.
     *
     * @param tlsClientCertificate the client certificate TLS verified for the connection, or null
     */
    public FrameLayer newLayer(byte[] sessionId, X509Certificate tlsClientCertificate) {
        if (!secure) {
            return plain;
        }
        CertificateVerifier v = currentVerifier();
        return SecureChannel.server(credential.chain(), credential.key(), chain -> v.verify(chain, Usage.CLIENT_AUTH),
                tlsClientCertificate, sessionId, limits, Duration.ofMillis(rekeyAfterMs), Clock.systemUTC());
    }

    /**
     * Both ends of a channel in memory, for the node's warm-up: the server end is a session's
     * frame layer as {@link #newLayer} makes it, the client end runs the client role with the
     * node's own credential. Nothing here reaches a socket or trusts a peer: each end accepts only
     * the node's own certificate. In plain mode both ends are the plain layer.
     */
    public FramePair inMemoryPair() {
        if (!secure) {
            return new FramePair(plain, plain);
        }
        X509Certificate own = credential.certificate();
        SecureChannel.PeerVerifier onlyOwn = chain -> {
            if (chain.isEmpty() || !chain.get(0).equals(own)) {
                throw new IllegalStateException("the in-memory pair only accepts this node's own certificate");
            }
        };
        byte[] sessionId = new byte[16];
        Duration rekey = Duration.ofMillis(rekeyAfterMs);
        return new FramePair(
                SecureChannel.client(credential.chain(), credential.key(), onlyOwn, limits, rekey, Clock.systemUTC()),
                SecureChannel.server(credential.chain(), credential.key(), onlyOwn, null, sessionId, limits, rekey,
                        Clock.systemUTC()));
    }

    /** The two ends of an in-memory channel (see {@link #inMemoryPair()}). */
    public record FramePair(FrameLayer client, FrameLayer server) { }

    private CertificateVerifier currentVerifier() {
        if (denyListFile.isPresent()) {
            try {
                FileTime stamp = Files.getLastModifiedTime(Path.of(denyListFile.get()));
                if (!stamp.equals(denyListStamp)) {
                    verifier = verifier.withDenyList(readDenyList());
                    LOG.info(() -> "deny list reloaded: " + verifier.denyList().fingerprints().size() + " certificate(s)");
                }
            } catch (IOException e) {
                LOG.warning("deny list " + denyListFile.get() + " unreadable; keeping the previous one: " + e);
            }
        }
        return verifier;
    }

    private DenyList readDenyList() throws IOException {
        if (denyListFile.isEmpty()) {
            return DenyList.empty();
        }
        Path p = Path.of(denyListFile.get());
        denyListStamp = Files.getLastModifiedTime(p);
        return DenyList.load(p);
    }

    private static Path path(Optional<String> value, String key) {
        return Path.of(value.orElseThrow(() -> new IllegalStateException(
                key + " must be set when meshgate.channel.mode=secure")));
    }

}
