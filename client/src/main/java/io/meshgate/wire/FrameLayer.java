package io.meshgate.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The layer between the WebSocket and the message codec: it turns binary WebSocket messages into
 * the payloads they carry and payloads into messages to send. The plain layer passes payloads
 * through under a size limit; the {@link SecureChannel} runs the handshake and seals and opens
 * frames.
 *
 * <p>One instance serves one session; {@link #open} is called by one thread at a time (the
 * socket's reader), {@link #seal} under the session's send lock.
 */
public interface FrameLayer {

    /** What an inbound message gave: a payload for the codec (or null), frames to send back, and
     * whether this message completed the handshake. */
    record Inbound(byte[] payload, List<ByteBuffer> replies, boolean established) {
        public Inbound {
            replies = List.copyOf(replies);
        }

        /** An inbound message that carried a payload. */
        public static Inbound payload(byte[] payload) {
            return new Inbound(payload, List.of(), false);
        }
    }

    /** The frames to send as soon as the socket is open (a client's first handshake message). */
    List<ByteBuffer> start();

    /**
     * Handles one inbound WebSocket message.
     *
     * @throws MeshgateException of a kind that closes the session when the frame is not acceptable
     */
    Inbound open(ByteBuffer frame);

    /**
     * The WebSocket messages that carry a payload (more than one when a rekey is due).
     *
     * @param compress whether the payload may be compressed (a service can switch it off: see
     *     {@code @MeshService(compress)})
     */
    List<ByteBuffer> seal(byte[] payload, boolean compress);

    /** {@link #seal(byte[], boolean)} with compression allowed. */
    default List<ByteBuffer> seal(byte[] payload) {
        return seal(payload, true);
    }

    /** Whether payloads may be sent (the handshake, if any, has finished). */
    boolean established();

    /** The layer's suite as reported to clients and operators, e.g. {@code plain}. */
    String suite();

    /**
     * Checks, on the client side, that the node named by a {@code hello} or {@code resumed} is the
     * node the handshake proved: the secure channel compares it with the node its certificate
     * names; plain frames prove no identity, so there is nothing to compare.
     *
     * @param messageKind the kind of the message naming the node ({@code hello}, {@code resumed}),
     *     for the error message
     * @throws MeshgateException BAD_CERTIFICATE (close 4002) when it is another node
     */
    void verifyNode(String messageKind, String node);

    /**
     * The SHA-256 fingerprint of the certificate the peer proved in the handshake, or an empty
     * array when the layer has no handshake (plain frames).
     */
    default byte[] peerFingerprint() {
        return new byte[0];
    }

    /**
     * The certificate the peer proved in the handshake (its leaf), or null when the layer has no
     * handshake (plain frames) or it has not finished.
     */
    default java.security.cert.X509Certificate peerCertificate() {
        return null;
    }
}
