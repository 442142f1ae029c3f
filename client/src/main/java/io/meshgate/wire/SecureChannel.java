package io.meshgate.wire;

import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.Ecdh;
import io.meshgate.crypto.Ecdsa;
import io.meshgate.crypto.FrameDirection;
import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.HmacSha256;
import io.meshgate.crypto.Hkdf;
import io.meshgate.crypto.P256;
import io.meshgate.crypto.SealedFrame;
import io.meshgate.crypto.SecretKeyBytes;
import io.meshgate.crypto.SessionKeys;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The secure channel of one session, client or server side: the handshake inside the WebSocket,
 * then sealed frames (Brotli, AES-256-GCM, HMAC-SHA256; see {@link SealedFrame}).
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
    private static final byte[] SERVER_SIGNATURE = ascii("meshgate/1 server signature");
    private static final byte[] CLIENT_SIGNATURE = ascii("meshgate/1 client signature");
    private static final int RANDOM_LENGTH = 32;
    private static final int SESSION_ID_LENGTH = 16;

    /** Checks a peer's certificate chain (leaf first); throws {@link CryptoException} to refuse it. */
    @FunctionalInterface
    public interface PeerVerifier {
        void verify(List<X509Certificate> chain);
    }

    /** Which side of the channel this is. */
    public enum Role { CLIENT, SERVER }

    private enum State { START, AWAIT_CLIENT_HELLO, AWAIT_SERVER_HELLO, AWAIT_CLIENT_FINISH, AWAIT_SERVER_FINISH, OPEN }

    private final Role role;
    private final List<X509Certificate> ownChain;
    private final PrivateKey ownKey;
    private final PeerVerifier verifier;
    private X509Certificate tlsClientCertificate;
    private final FrameLimits limits;
    private final Duration rekeyAfter;
    private final Clock clock;
    private final ChannelEntropy entropy;
    private final byte[] sessionId;

    private volatile State state;
    private KeyPair ephemeral;
    private byte[] clientHello;
    private byte[] serverHello;
    private byte[] secret;
    private byte[] salt;
    private SecretKeyBytes c2sConfirm;
    private SecretKeyBytes s2cConfirm;
    private X509Certificate peerLeaf;
    private ServerIdentity serverIdentity;
    private SealedFrame.Sealer sealer;
    private SealedFrame.Opener opener;
    private int sendGeneration;
    private int receiveGeneration;
    private Instant sendKeySince;

    private SecureChannel(Role role, List<X509Certificate> ownChain, PrivateKey ownKey, PeerVerifier verifier,
                          X509Certificate tlsClientCertificate, byte[] sessionId, FrameLimits limits,
                          Duration rekeyAfter, Clock clock, ChannelEntropy entropy) {
        if (ownChain.isEmpty() || ownChain.size() > HandshakeMessage.MAX_CHAIN) {
            throw new IllegalArgumentException("own chain must hold 1 to " + HandshakeMessage.MAX_CHAIN + " certificates");
        }
        this.role = role;
        this.ownChain = List.copyOf(ownChain);
        this.ownKey = Objects.requireNonNull(ownKey, "ownKey");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.tlsClientCertificate = tlsClientCertificate;
        this.sessionId = sessionId;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rekeyAfter = Objects.requireNonNull(rekeyAfter, "rekeyAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entropy = Objects.requireNonNull(entropy, "entropy");
        this.state = role == Role.SERVER ? State.AWAIT_CLIENT_HELLO : State.START;
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
        if (sessionId == null || sessionId.length != SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("session id must be 16 bytes");
        }
        return new SecureChannel(Role.SERVER, chain, key, clientVerifier, tlsClientCertificate, sessionId.clone(), limits,
                rekeyAfter, clock, entropy);
    }

    /** {@link #client} with its random and ephemeral key from {@code entropy} (see {@link #insecureServer}). */
    static SecureChannel insecureClient(List<X509Certificate> chain, PrivateKey key, PeerVerifier serverVerifier,
                                        FrameLimits limits, Duration rekeyAfter, Clock clock, ChannelEntropy entropy) {
        return new SecureChannel(Role.CLIENT, chain, key, serverVerifier, null, null, limits, rekeyAfter, clock,
                entropy);
    }

    @Override
    public List<ByteBuffer> start() {
        if (role == Role.SERVER) {
            return List.of();
        }
        if (state != State.START) {
            throw new IllegalStateException("handshake already started");
        }
        ephemeral = entropy.ephemeralKeyPair();
        List<byte[]> fields = new ArrayList<>();
        fields.add(entropy.random(RANDOM_LENGTH));
        fields.add(P256.encodeUncompressed((ECPublicKey) ephemeral.getPublic()));
        fields.addAll(der(ownChain));
        clientHello = new HandshakeMessage(HandshakeMessage.CLIENT_HELLO, fields).encode();
        state = State.AWAIT_SERVER_HELLO;
        return List.of(ByteBuffer.wrap(clientHello));
    }

    @Override
    public Inbound open(ByteBuffer buffer) {
        byte[] frame = new byte[buffer.remaining()];
        buffer.get(frame);
        if (frame.length < 2) {
            throw MeshgateException.malformedFrame("frame of " + frame.length + " bytes");
        }
        byte kind = frame[1];
        boolean handshakeKind = kind >= HandshakeMessage.CLIENT_HELLO && kind <= HandshakeMessage.SERVER_FINISH;
        if (state == State.OPEN) {
            if (handshakeKind) {
                throw MeshgateException.of(MeshgateException.Kind.UNEXPECTED_FRAME, "a second handshake is not allowed");
            }
            return openSealed(frame);
        }
        if (!handshakeKind) {
            throw MeshgateException.of(MeshgateException.Kind.UNEXPECTED_FRAME,
                    "data frame before the handshake ended");
        }
        try {
            return switch (state) {
                case AWAIT_CLIENT_HELLO -> onClientHello(frame);
                case AWAIT_CLIENT_FINISH -> onClientFinish(frame);
                case AWAIT_SERVER_HELLO -> onServerHello(frame);
                case AWAIT_SERVER_FINISH -> onServerFinish(frame);
                default -> throw MeshgateException.of(MeshgateException.Kind.UNEXPECTED_FRAME,
                        "handshake message before the handshake started");
            };
        } catch (CryptoException e) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, e.getMessage());
        }
    }

    @Override
    public List<ByteBuffer> seal(byte[] payload, boolean compress) {
        if (state != State.OPEN) {
            throw new IllegalStateException("cannot send before the handshake ends");
        }
        List<ByteBuffer> out = new ArrayList<>(2);
        if (sealer.needsRekey() || !clock.instant().isBefore(sendKeySince.plus(rekeyAfter))) {
            out.add(ByteBuffer.wrap(sealer.seal(HandshakeMessage.REKEY, new byte[0], false)));
            sendGeneration++;
            sealer = newSealer(sendGeneration);
        }
        try {
            out.add(ByteBuffer.wrap(sealer.seal(HandshakeMessage.DATA, payload, compress)));
        } catch (CryptoException e) {
            throw e.reason() == CryptoException.Reason.TOO_LARGE
                    ? MeshgateException.of(MeshgateException.Kind.FRAME_TOO_LARGE, e.getMessage())
                    : MeshgateException.internal(e.getMessage(), e);
        }
        return out;
    }

    @Override
    public boolean established() {
        return state == State.OPEN;
    }

    @Override
    public String suite() {
        return SUITE;
    }

    /** The peer's certificate, once the handshake has verified it. */
    @Override
    public X509Certificate peerCertificate() {
        return peerLeaf;
    }

    @Override
    public byte[] peerFingerprint() {
        if (peerLeaf == null) {
            return new byte[0];
        }
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(peerLeaf.getEncoded());
        } catch (java.security.GeneralSecurityException e) {
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
        if (role != Role.CLIENT) {
            throw new IllegalStateException("only the client side checks the node it speaks to");
        }
        if (serverIdentity == null) {
            throw new IllegalStateException("no SERVER_HELLO has been verified yet");
        }
        serverIdentity.verify(messageKind, node);
    }

    /** The key generation this side currently seals with (0 until the first rekey). */
    public int sendGeneration() {
        return sendGeneration;
    }

    private Inbound onClientHello(byte[] frame) {
        HandshakeMessage ch = HandshakeMessage.decode(frame, HandshakeMessage.CLIENT_HELLO, 2);
        ch.field(0, RANDOM_LENGTH, "client random");
        ECPublicKey clientEphemeral = P256.decodeUncompressed(ch.field(1, P256.UNCOMPRESSED_LENGTH, "client key"));
        List<X509Certificate> chain = certificates(ch.fields().subList(2, ch.fields().size()));
        verifyPeer(chain);
        if (tlsClientCertificate != null && !tlsClientCertificate.equals(chain.get(0))) {
            throw MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE,
                    "handshake certificate is not the one TLS verified");
        }
        clientHello = frame;
        ephemeral = entropy.ephemeralKeyPair();
        List<byte[]> fields = new ArrayList<>();
        fields.add(sessionId);
        fields.add(entropy.random(RANDOM_LENGTH));
        fields.add(P256.encodeUncompressed((ECPublicKey) ephemeral.getPublic()));
        fields.addAll(der(ownChain));
        byte[] core = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, fields).encode();
        fields.add(Ecdsa.sign(ownKey, concat(SERVER_SIGNATURE, sha256(clientHello, core))));
        serverHello = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, fields).encode();
        deriveKeys(clientEphemeral);
        state = State.AWAIT_CLIENT_FINISH;
        return new Inbound(null, List.of(ByteBuffer.wrap(serverHello)), false);
    }

    private Inbound onServerHello(byte[] frame) {
        HandshakeMessage sh = HandshakeMessage.decode(frame, HandshakeMessage.SERVER_HELLO, 4);
        int n = sh.fields().size();
        sh.field(0, SESSION_ID_LENGTH, "session id");
        sh.field(1, RANDOM_LENGTH, "server random");
        ECPublicKey serverEphemeral = P256.decodeUncompressed(sh.field(2, P256.UNCOMPRESSED_LENGTH, "server key"));
        List<X509Certificate> chain = certificates(sh.fields().subList(3, n - 1));
        verifyPeer(chain);
        serverIdentity = ServerIdentity.of(chain.get(0));
        byte[] signature = sh.field(n - 1, Ecdsa.P1363_LENGTH, "server signature");
        byte[] core = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, sh.fields().subList(0, n - 1)).encode();
        if (!Ecdsa.verifyP1363((ECPublicKey) chain.get(0).getPublicKey(), concat(SERVER_SIGNATURE,
                sha256(clientHello, core)), signature)) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, "server signature does not verify");
        }
        serverHello = frame;
        deriveKeys(serverEphemeral);
        byte[] clientSignature = Ecdsa.sign(ownKey, concat(CLIENT_SIGNATURE, sha256(clientHello, serverHello)));
        byte[] confirm = HmacSha256.tag(c2sConfirm, sha256(clientHello, serverHello, clientSignature));
        byte[] finish = new HandshakeMessage(HandshakeMessage.CLIENT_FINISH, List.of(clientSignature, confirm)).encode();
        clientFinish = finish;
        state = State.AWAIT_SERVER_FINISH;
        return new Inbound(null, List.of(ByteBuffer.wrap(finish)), false);
    }

    private byte[] clientFinish;

    private Inbound onClientFinish(byte[] frame) {
        HandshakeMessage cf = HandshakeMessage.decode(frame, HandshakeMessage.CLIENT_FINISH, 2);
        byte[] signature = cf.field(0, Ecdsa.P1363_LENGTH, "client signature");
        byte[] confirm = cf.field(1, HmacSha256.TAG_LENGTH, "client confirmation");
        if (!Ecdsa.verifyP1363((ECPublicKey) peerLeaf.getPublicKey(), concat(CLIENT_SIGNATURE,
                sha256(clientHello, serverHello)), signature)) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, "client signature does not verify");
        }
        if (!HmacSha256.verify(c2sConfirm, confirm, sha256(clientHello, serverHello, signature))) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, "client key confirmation failed");
        }
        byte[] serverConfirm = HmacSha256.tag(s2cConfirm, sha256(clientHello, serverHello, frame));
        byte[] finish = new HandshakeMessage(HandshakeMessage.SERVER_FINISH, List.of(serverConfirm)).encode();
        openChannel();
        return new Inbound(null, List.of(ByteBuffer.wrap(finish)), true);
    }

    private Inbound onServerFinish(byte[] frame) {
        HandshakeMessage sf = HandshakeMessage.decode(frame, HandshakeMessage.SERVER_FINISH, 1);
        byte[] confirm = sf.field(0, HmacSha256.TAG_LENGTH, "server confirmation");
        if (!HmacSha256.verify(s2cConfirm, confirm, sha256(clientHello, serverHello, clientFinish))) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, "server key confirmation failed");
        }
        openChannel();
        return new Inbound(null, List.of(), true);
    }

    private Inbound openSealed(byte[] frame) {
        SealedFrame.Opened opened;
        try {
            opened = opener.open(frame);
        } catch (CryptoException e) {
            throw switch (e.reason()) {
                case TOO_LARGE -> MeshgateException.of(MeshgateException.Kind.FRAME_TOO_LARGE, e.getMessage());
                case MALFORMED -> MeshgateException.malformedFrame(e.getMessage());
                default -> MeshgateException.of(MeshgateException.Kind.FRAME_REJECTED, e.getMessage());
            };
        }
        if (opened.kind() == HandshakeMessage.REKEY) {
            receiveGeneration++;
            opener = new SealedFrame.Opener(receiving(), SessionKeys.derive(secret, salt, receiveGeneration)
                    .sending(receiving()), limits);
            return new Inbound(null, List.of(), false);
        }
        return Inbound.payload(opened.payload());
    }

    private void verifyPeer(List<X509Certificate> chain) {
        try {
            verifier.verify(chain);
        } catch (CryptoException e) {
            throw MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE, e.getMessage());
        }
        peerLeaf = chain.get(0);
    }

    private void deriveKeys(ECPublicKey peerEphemeral) {
        secret = Ecdh.sharedSecret(ephemeral.getPrivate(), peerEphemeral);
        salt = sha256(clientHello, serverHello);
        c2sConfirm = SecretKeyBytes.copyOf(Hkdf.sha256(secret, salt, ascii("meshgate/1 c2s confirm"), 32));
        s2cConfirm = SecretKeyBytes.copyOf(Hkdf.sha256(secret, salt, ascii("meshgate/1 s2c confirm"), 32));
        ephemeral = null;
    }

    /** Opens the channel and lets go of what only the handshake needed (transcript, TLS certificate). */
    private void openChannel() {
        sealer = newSealer(0);
        opener = new SealedFrame.Opener(receiving(), SessionKeys.derive(secret, salt, 0).sending(receiving()), limits);
        c2sConfirm.destroy();
        s2cConfirm.destroy();
        clientHello = null;
        serverHello = null;
        clientFinish = null;
        tlsClientCertificate = null;
        state = State.OPEN;
    }

    private SealedFrame.Sealer newSealer(int generation) {
        sendKeySince = clock.instant();
        return new SealedFrame.Sealer(sending(), SessionKeys.derive(secret, salt, generation).sending(sending()), limits);
    }

    private FrameDirection sending() {
        return role == Role.CLIENT ? FrameDirection.CLIENT_TO_SERVER : FrameDirection.SERVER_TO_CLIENT;
    }

    private FrameDirection receiving() {
        return role == Role.CLIENT ? FrameDirection.SERVER_TO_CLIENT : FrameDirection.CLIENT_TO_SERVER;
    }

    private static List<X509Certificate> certificates(List<byte[]> ders) {
        if (ders.isEmpty() || ders.size() > HandshakeMessage.MAX_CHAIN) {
            throw MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE,
                    "certificate chain must hold 1 to " + HandshakeMessage.MAX_CHAIN + " certificates");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (byte[] der : ders) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            return chain;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE, "certificate cannot be parsed");
        }
    }

    private static List<byte[]> der(List<X509Certificate> chain) {
        List<byte[]> out = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                out.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("own certificate cannot be encoded", e);
            }
        }
        return out;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
