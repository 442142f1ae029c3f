package io.meshgate.channel;

import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's session on this node: its id, its socket and its frame layer. Sends are
 * serialised on the session, so replies arriving on several threads never interleave.
 */
public final class ClientSession {

    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());

    private final String id;
    private final Session socket;
    private final FrameLayer frames;
    private final MessageCodec codec;

    ClientSession(String id, Session socket, FrameLayer frames, MessageCodec codec) {
        this.id = id;
        this.socket = socket;
        this.frames = frames;
        this.codec = codec;
    }

    /** The session id: 128 random bits, base64url. */
    public String id() {
        return id;
    }

    /** The frame layer of this session. */
    FrameLayer frames() {
        return frames;
    }

    /** Sends one message; a session that cannot be written to is closed. */
    public void send(WireMessage message) {
        byte[] payload = codec.encode(message);
        synchronized (this) {
            if (socket.isOpen()) {
                write(frames.seal(payload));
            }
        }
    }

    /** Sends frames the frame layer produced itself (handshake messages). */
    void sendFrames(List<ByteBuffer> raw) {
        if (raw.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (socket.isOpen()) {
                write(raw);
            }
        }
    }

    private void write(List<ByteBuffer> out) {
        try {
            for (ByteBuffer b : out) {
                socket.getBasicRemote().sendBinary(b);
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "send to session " + id + " failed; closing it", e);
            close(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "send failed");
        }
    }

    /** Closes the socket with a close code and reason (the reason is cut to the 123 bytes allowed). */
    public void close(int code, String reason) {
        String r = reason.length() > 120 ? reason.substring(0, 120) : reason;
        try {
            socket.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), r));
        } catch (IOException e) {
            LOG.log(Level.FINE, "close of session " + id + " failed", e);
        }
    }
}
