package io.meshgate.wire;

import io.meshgate.crypto.FrameDirection;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One side's part of the secure channel's handshake (PROTOCOL §2.1), message by message: the
 * {@link ClientHandshake} or the {@link ServerHandshake}. The {@link SecureChannel} hands it
 * handshake messages until a step carries the session's {@link KeySchedule}; a role that sends
 * its last message or checks the last one forgets the transcript first.
 *
 * <p>Not thread-safe: one per session, on the session's reader.
 */
sealed interface Handshake permits ClientHandshake, ServerHandshake {

    /**
     * What one handshake message gave.
     *
     * @param reply the message to send back, or null
     * @param keys the session's key schedule once this message ended the handshake, else null
     */
    record Step(byte[] reply, KeySchedule keys) {

        /** A step that answers and waits for the peer's next message. */
        static Step answer(byte[] reply) {
            return new Step(reply, null);
        }

        /** The replies to send, none or one. */
        List<ByteBuffer> replies() {
            return reply == null ? List.of() : List.of(ByteBuffer.wrap(reply));
        }
    }

    /** The messages to send before any arrives (the client's CLIENT_HELLO). */
    List<ByteBuffer> start();

    /**
     * Handles the peer's next handshake message.
     *
     * @throws io.meshgate.crypto.CryptoException when a message, point or signature is malformed
     *     or invalid (the channel makes it HANDSHAKE_FAILED)
     * @throws MeshgateException BAD_CERTIFICATE for a refused chain, HANDSHAKE_FAILED for a bad
     *     signature or confirmation, UNEXPECTED_FRAME for a message before the handshake started
     */
    Step receive(byte[] message);

    /** The direction this side seals frames in. */
    FrameDirection sending();

    /** The peer's certificate (its leaf) once its chain has been verified, else null. */
    X509Certificate peerLeaf();

    /** See {@link FrameLayer#verifyNode}. */
    void verifyNode(String messageKind, String node);
}
