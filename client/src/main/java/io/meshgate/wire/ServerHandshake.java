package io.meshgate.wire;

import io.meshgate.crypto.Ecdsa;
import io.meshgate.crypto.FrameDirection;
import io.meshgate.crypto.HmacSha256;
import io.meshgate.crypto.P256;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The node's part of the handshake (PROTOCOL §2.1): it checks the CLIENT_HELLO's point and the
 * client's chain (clientAuth and the deny list, by the verifier) and, when TLS verified a client
 * certificate, that it is the same one (channel binding across the proxy); answers SERVER_HELLO
 * with the session id, a random, its ephemeral key, its chain and its signature; checks the
 * CLIENT_FINISH's signature and confirmation; and answers SERVER_FINISH, which ends the handshake.
 *
 * <p>Not thread-safe: one per session (see {@link Handshake}).
 */
final class ServerHandshake implements Handshake {

    private enum State { AWAIT_CLIENT_HELLO, AWAIT_CLIENT_FINISH, DONE }

    private final List<byte[]> ownChain;
    private final PrivateKey ownKey;
    private final SecureChannel.PeerVerifier verifier;
    private final byte[] sessionId;
    private final ChannelEntropy entropy;

    private State state = State.AWAIT_CLIENT_HELLO;
    private X509Certificate tlsClientCertificate;
    private byte[] clientHello;
    private byte[] serverHello;
    private KeySchedule keys;
    private X509Certificate peerLeaf;

    /**
     * @param tlsClientCertificate the certificate TLS verified for this connection, or null
     * @param sessionId the session's 16-byte id
     */
    ServerHandshake(List<X509Certificate> ownChain, PrivateKey ownKey, SecureChannel.PeerVerifier verifier,
                    X509Certificate tlsClientCertificate, byte[] sessionId, ChannelEntropy entropy) {
        if (sessionId == null || sessionId.length != SecureChannel.SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("session id must be 16 bytes");
        }
        this.sessionId = sessionId.clone();
        this.ownChain = PeerChain.ownFields(ownChain);
        this.ownKey = Objects.requireNonNull(ownKey, "ownKey");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.tlsClientCertificate = tlsClientCertificate;
        this.entropy = Objects.requireNonNull(entropy, "entropy");
    }

    /** Nothing: the client speaks first. */
    @Override
    public List<ByteBuffer> start() {
        return List.of();
    }

    @Override
    public Step receive(byte[] message) {
        return switch (state) {
            case AWAIT_CLIENT_HELLO -> onClientHello(message);
            case AWAIT_CLIENT_FINISH -> onClientFinish(message);
            case DONE -> throw new IllegalStateException("the handshake has ended");
        };
    }

    @Override
    public FrameDirection sending() {
        return FrameDirection.SERVER_TO_CLIENT;
    }

    @Override
    public X509Certificate peerLeaf() {
        return peerLeaf;
    }

    /**
     * Never: only the client checks the node it speaks to.
     *
     * @throws IllegalStateException always
     */
    @Override
    public void verifyNode(String messageKind, String node) {
        throw new IllegalStateException("only the client side checks the node it speaks to");
    }

    private Step onClientHello(byte[] message) {
        HandshakeMessage ch = HandshakeMessage.decode(message, HandshakeMessage.CLIENT_HELLO, 2);
        ch.field(0, SecureChannel.RANDOM_LENGTH, "client random");
        ECPublicKey clientEphemeral = P256.decodeUncompressed(ch.field(1, P256.UNCOMPRESSED_LENGTH, "client key"));
        peerLeaf = PeerChain.verified(ch.fields().subList(2, ch.fields().size()), verifier).get(0);
        if (tlsClientCertificate != null && !tlsClientCertificate.equals(peerLeaf)) {
            throw MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE,
                    "handshake certificate is not the one TLS verified");
        }
        clientHello = message;
        KeyPair ephemeral = entropy.ephemeralKeyPair();
        List<byte[]> fields = new ArrayList<>();
        fields.add(sessionId);
        fields.add(entropy.random(SecureChannel.RANDOM_LENGTH));
        fields.add(P256.encodeUncompressed((ECPublicKey) ephemeral.getPublic()));
        fields.addAll(ownChain);
        byte[] unsigned = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, fields).encode();
        fields.add(Ecdsa.sign(ownKey, Transcript.serverSigned(clientHello, unsigned)));
        serverHello = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, fields).encode();
        keys = KeySchedule.agree(ephemeral.getPrivate(), clientEphemeral, Transcript.hash(clientHello, serverHello));
        state = State.AWAIT_CLIENT_FINISH;
        return Step.answer(serverHello);
    }

    private Step onClientFinish(byte[] message) {
        HandshakeMessage cf = HandshakeMessage.decode(message, HandshakeMessage.CLIENT_FINISH, 2);
        byte[] signature = cf.field(0, Ecdsa.P1363_LENGTH, "client signature");
        byte[] confirmation = cf.field(1, HmacSha256.TAG_LENGTH, "client confirmation");
        if (!Ecdsa.verifyP1363((ECPublicKey) peerLeaf.getPublicKey(), Transcript.clientSigned(clientHello, serverHello),
                signature)) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, "client signature does not verify");
        }
        if (!keys.confirms(FrameDirection.CLIENT_TO_SERVER, confirmation,
                Transcript.hash(clientHello, serverHello, signature))) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, "client key confirmation failed");
        }
        byte[] finish = new HandshakeMessage(HandshakeMessage.SERVER_FINISH, List.of(keys.confirmation(
                FrameDirection.SERVER_TO_CLIENT, Transcript.hash(clientHello, serverHello, message)))).encode();
        keys.endHandshake();
        clientHello = null;
        serverHello = null;
        tlsClientCertificate = null;
        state = State.DONE;
        return new Step(finish, keys);
    }
}
