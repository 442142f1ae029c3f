package io.meshgate.wire;

import java.nio.ByteBuffer;

/**
 * The layer between the WebSocket and the message codec: it turns a binary WebSocket message
 * into the payload it carries, and a payload into the message to send. The plain layer passes
 * payloads through under a size limit; the secure channel seals and opens them.
 *
 * <p>One instance serves one session; {@link #open} is called by one thread at a time (the
 * socket's reader), {@link #seal} under the session's send lock.
 */
public interface FrameLayer {

    /**
     * The payload carried by an inbound WebSocket message.
     *
     * @throws MeshgateException of a kind that closes the session when the frame is not acceptable
     */
    byte[] open(ByteBuffer frame);

    /** The WebSocket message that carries a payload. */
    ByteBuffer seal(byte[] payload);

    /** The layer's name as reported to clients and operators, e.g. {@code plain}. */
    String suite();
}
