package io.meshgate.channel;

import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's session on this node: its id, its socket and its frame layer. Sends are
 * serialised on the session, so replies arriving on several threads never interleave.
 */
public final class ClientSession {

    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());

    private volatile String id;
    private final Session socket;
    private final FrameLayer frames;
    private final MessageCodec codec;
    private final FrameRate rate;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    ClientSession(String id, Session socket, FrameLayer frames, MessageCodec codec, SessionLimits limits) {
        this.id = id;
        this.socket = socket;
        this.frames = frames;
        this.codec = codec;
        this.rate = new FrameRate(limits.maxFramesPerSecond(), System.nanoTime());
        this.maxInFlight = limits.maxInFlight();
    }

    /**
     * Counts an inbound frame against the session's rate (reader thread only).
     *
     * @throws MeshgateException RATE_LIMITED when the session sends faster than allowed
     */
    void countFrame() {
        if (!rate.tryTake(System.nanoTime())) {
            throw MeshgateException.of(MeshgateException.Kind.RATE_LIMITED, "more frames than allowed per second");
        }
    }

    /**
     * Counts a request as in flight until {@link #requestEnded()}.
     *
     * @throws MeshgateException TOO_MANY_IN_FLIGHT when the session already has its maximum
     */
    void requestStarted() {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            throw MeshgateException.of(MeshgateException.Kind.TOO_MANY_IN_FLIGHT,
                    "more than " + maxInFlight + " requests in flight");
        }
    }

    /** A request of this session got its answer. */
    void requestEnded() {
        inFlight.decrementAndGet();
    }

    /** The session id: 128 random bits, base64url. */
    public String id() {
        return id;
    }

    /** Takes the id of a session this one resumes (see {@link SessionRegistry#resume}). */
    void adopt(String resumedId) {
        id = resumedId;
    }

    /** The frame layer of this session. */
    FrameLayer frames() {
        return frames;
    }

    /** Sends one message; a session that cannot be written to is closed. */
    public void send(WireMessage message) {
        send(message, true);
    }

    /** Sends one message, compressed only when {@code compress} allows it. */
    public void send(WireMessage message, boolean compress) {
        byte[] payload = codec.encode(message);
        synchronized (this) {
            if (socket.isOpen()) {
                write(frames.seal(payload, compress));
            }
        }
    }

    /**
     * Sends a push (push listener thread); false when the session could not take it: its socket is
     * closed or closing, or the write failed (the session is then closed).
     */
    public boolean push(WireMessage.Push push, boolean compress) {
        byte[] payload = codec.encode(push);
        synchronized (this) {
            return socket.isOpen() && frames.established() && write(frames.seal(payload, compress));
        }
    }

    /**
     * The client identity this session proved: the subject (RFC 2253) of the client certificate
     * of the secure channel's handshake; null with plain frames, which prove none.
     */
    public String identity() {
        java.security.cert.X509Certificate peer = frames.peerCertificate();
        return peer == null ? null : peer.getSubjectX500Principal().getName();
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

    private boolean write(List<ByteBuffer> out) {
        try {
            for (ByteBuffer b : out) {
                socket.getBasicRemote().sendBinary(b);
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "send to session " + id + " failed; closing it", e);
            close(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "send failed");
            return false;
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
