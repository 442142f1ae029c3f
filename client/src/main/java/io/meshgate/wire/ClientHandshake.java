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
 * The client's part of the handshake (PROTOCOL §2.1): it sends CLIENT_HELLO with a random, an
 * ephemeral P-256 key and its chain; checks the SERVER_HELLO's point, the node's chain (serverAuth,
 * by the verifier), that the leaf is a node certificate ({@link ServerIdentity}) and the node's
 * signature; answers CLIENT_FINISH with its signature and confirmation; and checks the
 * SERVER_FINISH's confirmation, which ends the handshake.
 *
 * <p>Not thread-safe: one per session (see {@link Handshake}).
 */
final class ClientHandshake implements Handshake {

    private enum State { START, AWAIT_SERVER_HELLO, AWAIT_SERVER_FINISH, DONE }

    private final List<byte[]> ownChain;
    private final PrivateKey ownKey;
    private final SecureChannel.PeerVerifier verifier;
    private final ChannelEntropy entropy;

    private State state = State.START;
    private KeyPair ephemeral;
    private byte[] clientHello;
    private byte[] serverHello;
    private byte[] clientFinish;
    private KeySchedule keys;
    private X509Certificate peerLeaf;
    private ServerIdentity serverIdentity;

    ClientHandshake(List<X509Certificate> ownChain, PrivateKey ownKey, SecureChannel.PeerVerifier verifier,
                    ChannelEntropy entropy) {
        this.ownChain = PeerChain.ownFields(ownChain);
        this.ownKey = Objects.requireNonNull(ownKey, "ownKey");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.entropy = Objects.requireNonNull(entropy, "entropy");
    }

    @Override
    public List<ByteBuffer> start() {
        if (state != State.START) {
            throw new IllegalStateException("handshake already started");
        }
        ephemeral = entropy.ephemeralKeyPair();
        List<byte[]> fields = new ArrayList<>();
        fields.add(entropy.random(SecureChannel.RANDOM_LENGTH));
        fields.add(P256.encodeUncompressed((ECPublicKey) ephemeral.getPublic()));
        fields.addAll(ownChain);
        clientHello = new HandshakeMessage(HandshakeMessage.CLIENT_HELLO, fields).encode();
        state = State.AWAIT_SERVER_HELLO;
        return List.of(ByteBuffer.wrap(clientHello));
    }

    @Override
    public Step receive(byte[] message) {
        return switch (state) {
            case START -> throw MeshgateException.of(MeshgateException.Kind.UNEXPECTED_FRAME,
                    "handshake message before the handshake started");
            case AWAIT_SERVER_HELLO -> onServerHello(message);
            case AWAIT_SERVER_FINISH -> onServerFinish(message);
            case DONE -> throw new IllegalStateException("the handshake has ended");
        };
    }

    @Override
    public FrameDirection sending() {
        return FrameDirection.CLIENT_TO_SERVER;
    }

    @Override
    public X509Certificate peerLeaf() {
        return peerLeaf;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException before the SERVER_HELLO has been verified
     */
    @Override
    public void verifyNode(String messageKind, String node) {
        if (serverIdentity == null) {
            throw new IllegalStateException("no SERVER_HELLO has been verified yet");
        }
        serverIdentity.verify(messageKind, node);
    }

    private Step onServerHello(byte[] message) {
        HandshakeMessage sh = HandshakeMessage.decode(message, HandshakeMessage.SERVER_HELLO, 4);
        int n = sh.fields().size();
        sh.field(0, SecureChannel.SESSION_ID_LENGTH, "session id");
        sh.field(1, SecureChannel.RANDOM_LENGTH, "server random");
        ECPublicKey serverEphemeral = P256.decodeUncompressed(sh.field(2, P256.UNCOMPRESSED_LENGTH, "server key"));
        peerLeaf = PeerChain.verified(sh.fields().subList(3, n - 1), verifier).get(0);
        serverIdentity = ServerIdentity.of(peerLeaf);
        byte[] signature = sh.field(n - 1, Ecdsa.P1363_LENGTH, "server signature");
        byte[] unsigned = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, sh.fields().subList(0, n - 1)).encode();
        if (!Ecdsa.verifyP1363((ECPublicKey) peerLeaf.getPublicKey(), Transcript.serverSigned(clientHello, unsigned),
                signature)) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, "server signature does not verify");
        }
        serverHello = message;
        keys = KeySchedule.agree(ephemeral.getPrivate(), serverEphemeral, Transcript.hash(clientHello, serverHello));
        ephemeral = null;
        byte[] clientSignature = Ecdsa.sign(ownKey, Transcript.clientSigned(clientHello, serverHello));
        byte[] confirmation = keys.confirmation(FrameDirection.CLIENT_TO_SERVER,
                Transcript.hash(clientHello, serverHello, clientSignature));
        clientFinish = new HandshakeMessage(HandshakeMessage.CLIENT_FINISH, List.of(clientSignature, confirmation))
                .encode();
        state = State.AWAIT_SERVER_FINISH;
        return Step.answer(clientFinish);
    }

    private Step onServerFinish(byte[] message) {
        HandshakeMessage sf = HandshakeMessage.decode(message, HandshakeMessage.SERVER_FINISH, 1);
        byte[] confirmation = sf.field(0, HmacSha256.TAG_LENGTH, "server confirmation");
        if (!keys.confirms(FrameDirection.SERVER_TO_CLIENT, confirmation,
                Transcript.hash(clientHello, serverHello, clientFinish))) {
            throw MeshgateException.of(MeshgateException.Kind.HANDSHAKE_FAILED, "server key confirmation failed");
        }
        keys.endHandshake();
        clientHello = null;
        serverHello = null;
        clientFinish = null;
        state = State.DONE;
        return new Step(null, keys);
    }
}
