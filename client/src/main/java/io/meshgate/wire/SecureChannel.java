package io.meshgate.wire;

import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.SealedFrame;
import io.meshgate.crypto.SessionKeys;
import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The secure channel of one session, client or server side: the handshake inside the WebSocket,
 * then sealed frames (Brotli, AES-256-GCM, HMAC-SHA256; see {@link SealedFrame}). This class
 * only routes each message to the job that handles it: the {@link ClientHandshake} or the
 * {@link ServerHandshake} until the handshake ends, then the {@link SessionFrames} with the
 * session's {@link KeySchedule}.
 *
 * <p>Handshake ({@link HandshakeMessage} gives the bytes):
 * <ol>
 *   <li>client: CLIENT_HELLO with a random, an ephemeral P-256 key and its certificate chain;</li>
 *   <li>server: verifies the chain (root CA, clientAuth, deny list) and, when TLS verified a client
 *       certificate, that it is the same one (channel binding across the proxy); answers
 *       SERVER_HELLO with the session id, a random, its ephemeral key, its chain and an ECDSA
 *       signature over {@code "meshgate/1 server signature" || SHA-256(CH || SH without signature)};</li>
 *   <li>both: ECDH of the ephemeral keys; {@link SessionKeys} with HKDF-SHA256, salt
 *       {@code SHA-256(CH || SH)}; confirmation keys labelled {@code "meshgate/1 c2s confirm"} and
 *       {@code "meshgate/1 s2c confirm"};</li>
 *   <li>client: verifies the server chain (serverAuth), that its leaf is a node certificate (key
 *       purpose id-kp-meshgateNode: nginx's is not), and the signature; CLIENT_FINISH with its
 *       signature over {@code "meshgate/1 client signature" || SHA-256(CH || SH)} and
 *       {@code HMAC(c2s confirm, SHA-256(CH || SH || signature))};</li>
 *   <li>server: verifies both; SERVER_FINISH with {@code HMAC(s2c confirm, SHA-256(CH || SH || CF))};
 *       only then may either side send data.</li>
 * </ol>
 * The node's first sealed frame is its {@code hello}; the client checks with {@link #verifyNode}
 * that the node it names is the one the certificate's {@code urn:meshgate:node:} URI names.
 * A sender rekeys (next key generation, same secret and salt) before its key has sealed its frame
 * limit or after {@code rekeyAfter}: it seals a REKEY frame with the old key and every later
 * frame with the new one, sequence numbers starting again at 0.
 *
 * <p>Refusals (as {@link MeshgateException}s, whose kind gives the close code): before the
 * handshake ends, a message that is not a handshake message (byte 1 not 0x10 to 0x13) is
 * UNEXPECTED_FRAME; a handshake message of another version, out of turn or badly laid out is
 * HANDSHAKE_FAILED; a chain of fewer than 1 or more than {@value HandshakeMessage#MAX_CHAIN}
 * certificates, or one the verifier refuses, is BAD_CERTIFICATE. Afterwards a handshake message
 * is UNEXPECTED_FRAME and a sealed frame is refused as {@link SealedFrame.Opener#open} says.
 *
 * <p>One instance per session; not thread-safe (the session serialises reads and writes).
 */
public final class SecureChannel implements FrameLayer {

    /** The suite this channel speaks. */
    public static final String SUITE = "ECDH-P256+HKDF-SHA256+AES-256-GCM+HMAC-SHA256+BROTLI";
    static final int RANDOM_LENGTH = 32;
    static final int SESSION_ID_LENGTH = 16;

    /** Checks a peer's certificate chain (leaf first); throws {@link CryptoException} to refuse it. */
    @FunctionalInterface
    public interface PeerVerifier {
        void verify(List<X509Certificate> chain);
    }

    private final Handshake handshake;
    private final FrameLimits limits;
    private final Duration rekeyAfter;
    private final Clock clock;
    private volatile SessionFrames frames;

    private SecureChannel(Handshake handshake, FrameLimits limits, Duration rekeyAfter, Clock clock) {
        this.handshake = handshake;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rekeyAfter = Objects.requireNonNull(rekeyAfter, "rekeyAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The server side of a session.
     *
     * @param tlsClientCertificate the certificate TLS verified for this connection (from the
     *     socket or the trusted proxy), or null when TLS gave none; when given, the handshake's
     *     client certificate must be this one
     * @param sessionId the session's 16-byte id
     */
    public static SecureChannel server(List<X509Certificate> chain, PrivateKey key, PeerVerifier clientVerifier,
                                       X509Certificate tlsClientCertificate, byte[] sessionId, FrameLimits limits,
                                       Duration rekeyAfter, Clock clock) {
        return insecureServer(chain, key, clientVerifier, tlsClientCertificate, sessionId, limits, rekeyAfter, clock,
                ChannelEntropy.SYSTEM);
    }

    /** The client side of a session. */
    public static SecureChannel client(List<X509Certificate> chain, PrivateKey key, PeerVerifier serverVerifier,
                                       FrameLimits limits, Duration rekeyAfter, Clock clock) {
        return insecureClient(chain, key, serverVerifier, limits, rekeyAfter, clock, ChannelEntropy.SYSTEM);
    }

    /**
     * {@link #server} with its randoms and ephemeral key from {@code entropy}: for the
     * cross-language vectors only, where they are fixed. Package-private on purpose.
     */
    static SecureChannel insecureServer(List<X509Certificate> chain, PrivateKey key, PeerVerifier clientVerifier,
                                        X509Certificate tlsClientCertificate, byte[] sessionId, FrameLimits limits,
                                        Duration rekeyAfter, Clock clock, ChannelEntropy entropy) {
        return new SecureChannel(new ServerHandshake(chain, key, clientVerifier, tlsClientCertificate, sessionId,
                entropy), limits, rekeyAfter, clock);
    }

    /** {@link #client} with its random and ephemeral key from {@code entropy} (see {@link #insecureServer}). */
    static SecureChannel insecureClient(List<X509Certificate> chain, PrivateKey key, PeerVerifier serverVerifier,
                                        FrameLimits limits, Duration rekeyAfter, Clock clock, ChannelEntropy entropy) {
        return new SecureChannel(new ClientHandshake(chain, key, serverVerifier, entropy), limits, rekeyAfter, clock);
    }

    @Override
    public List<ByteBuffer> start() {
        return handshake.start();
    }

    @Override
    public Inbound open(ByteBuffer buffer) {
        int length = buffer.remaining();
        if (length < 2) {
            throw MeshgateException.malformedFrame("frame of " + length + " bytes");
        }
        byte kind = buffer.get(buffer.position() + 1);
        boolean handshakeKind = kind >= HandshakeMessage.CLIENT_HELLO && kind <= HandshakeMessage.SERVER_FINISH;
        SessionFrames open = frames;
        if (open != null) {
            if (handshakeKind) {
                throw MeshgateException.of(MeshgateException.Kind.UNEXPECTED_FRAME, "a second handshake is not allowed");
            }
            if (buffer.hasArray()) {
                // the frame where it lies (a slice of the socket's buffer): no copy
                Inbound in = open.open(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
                buffer.position(buffer.limit());
                return in;
            }
            return open.open(bytesOf(buffer), 0, length);
        }
        byte[] frame = bytesOf(buffer);
        if (!handshakeKind) {
            throw MeshgateException.of(MeshgateException.Kind.UNEXPECTED_FRAME,
                    "data frame before the handshake ended");
        }
        Handshake.Step step;
        try {
            step = handshake.receive(frame);
        } catch (CryptoException e) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, e.getMessage());
        }
        if (step.keys() != null) {
            frames = new SessionFrames(step.keys(), handshake.sending(), limits, rekeyAfter, clock);
        }
        return new Inbound(null, step.replies(), step.keys() != null);
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] frame = new byte[buffer.remaining()];
        buffer.get(frame);
        return frame;
    }

    @Override
    public List<ByteBuffer> seal(byte[] payload, boolean compress) {
        SessionFrames open = frames;
        if (open == null) {
            throw new IllegalStateException("cannot send before the handshake ends");
        }
        return open.seal(payload, compress);
    }

    @Override
    public boolean established() {
        return frames != null;
    }

    @Override
    public String suite() {
        return SUITE;
    }

    /** The peer's certificate, once the handshake has verified it. */
    @Override
    public X509Certificate peerCertificate() {
        return handshake.peerLeaf();
    }

    @Override
    public byte[] peerFingerprint() {
        X509Certificate leaf = handshake.peerLeaf();
        if (leaf == null) {
            return new byte[0];
        }
        try {
            return Transcript.hash(leaf.getEncoded());
        } catch (CertificateEncodingException e) {
            throw MeshgateException.internal("cannot fingerprint the peer certificate", e);
        }
    }

    /**
     * {@inheritDoc} Client side only, once the SERVER_HELLO has been verified.
     *
     * @throws IllegalStateException on the server side, or before the SERVER_HELLO
     */
    @Override
    public void verifyNode(String messageKind, String node) {
        handshake.verifyNode(messageKind, node);
    }

    /** The key generation this side currently seals with (0 until the first rekey). */
    public int sendGeneration() {
        SessionFrames open = frames;
        return open == null ? 0 : open.sendGeneration();
    }
}
