package io.meshgate.wire;

import java.util.Objects;

/**
 * The gateway's one exception type. Its {@link Kind} says what went wrong and, in one place, how
 * the client sees it: as an error code in an {@code error} message, and (for kinds that end the
 * session) as a WebSocket close code.
 */
public final class MeshgateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, with its error code and, where the session must end, its close code. */
    public enum Kind {
        /** The request is malformed or lacks a required field; the session stays open. */
        BAD_REQUEST("BAD_REQUEST", 0),
        /** No live node hosts the target service. */
        NO_SUCH_SERVICE("NO_SUCH_SERVICE", 0),
        /** The service handler failed; the message is the handler's. */
        HANDLER_ERROR("HANDLER_ERROR", 0),
        /** The request's deadline passed before it was answered. */
        TIMEOUT("TIMEOUT", 0),
        /** No node could take the request within its limits. */
        OVERLOADED("OVERLOADED", 0),
        /**
         * The cluster cannot serve the request now (the node has lost the broker, or does not yet
         * know the cluster); nothing ran. Retryable: the client SDKs retry it within the deadline.
         */
        UNAVAILABLE("UNAVAILABLE", 0),
        /**
         * The node running an at-most-once request stopped before it answered; the request may
         * have run in part and is not run again.
         */
        INTERRUPTED("INTERRUPTED", 0),
        /**
         * A resume was refused (bad token, unknown session, resume switched off); the connection
         * stays open as a new session, and the requests the resume carried get no answer from it.
         */
        RESUME_REFUSED("RESUME_REFUSED", 0),
        /** A frame that cannot be read at all; the session is closed (1007: invalid payload). */
        MALFORMED_FRAME("MALFORMED_FRAME", 1007),
        /** A frame over the size limit; the session is closed (1009: message too big). */
        FRAME_TOO_LARGE("FRAME_TOO_LARGE", 1009),
        /** The secure-channel handshake failed (bad message, point or signature); session closed. */
        HANDSHAKE_FAILED("HANDSHAKE_FAILED", 4001),
        /** The peer's certificate was refused (chain, validity, usage, deny list, channel binding). */
        BAD_CERTIFICATE("BAD_CERTIFICATE", 4002),
        /** The handshake did not finish in time. */
        HANDSHAKE_TIMEOUT("HANDSHAKE_TIMEOUT", 4003),
        /** A frame that is not allowed now: data before the handshake ended, a second handshake. */
        UNEXPECTED_FRAME("UNEXPECTED_FRAME", 4004),
        /** A sealed frame failed its checks (HMAC, GCM tag, sequence: tampered, replayed, reordered, reflected). */
        FRAME_REJECTED("FRAME_REJECTED", 4005),
        /** The session has more requests in flight than allowed; session closed. */
        TOO_MANY_IN_FLIGHT("TOO_MANY_IN_FLIGHT", 4006),
        /** The session sent frames faster than allowed; session closed. */
        RATE_LIMITED("RATE_LIMITED", 4007),
        /** The node is leaving; the session is closed (1001: going away). */
        GOING_AWAY("GOING_AWAY", 1001),
        /** A fault inside the gateway; the session is closed (1011: internal error). */
        INTERNAL("INTERNAL", 1011);

        private final String code;
        private final int closeCode;

        Kind(String code, int closeCode) {
            this.code = code;
            this.closeCode = closeCode;
        }

        /** The error code a client sees in an {@code error} message. */
        public String code() {
            return code;
        }

        /** The WebSocket close code, or 0 when this kind does not end the session. */
        public int closeCode() {
            return closeCode;
        }

        /** Whether a client may send the same request again, with the same idempotency key, at once. */
        public boolean retryable() {
            return this == UNAVAILABLE;
        }

        /** Whether an error of this kind ends the session. */
        public boolean closesSession() {
            return closeCode != 0;
        }

        /** The kind for an error code, or {@link #INTERNAL} for a code this version does not know. */
        public static Kind ofCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            return INTERNAL;
        }
    }

    private final Kind kind;
    private final String requestId;

    private MeshgateException(Kind kind, String message, Throwable cause, String requestId) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.requestId = requestId;
    }

    private MeshgateException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The client request id this error answers, or null when it concerns no single request. */
    public String requestId() {
        return requestId;
    }

    /** The same error, answering the request with this client id. */
    public MeshgateException forRequest(String id) {
        return new MeshgateException(kind, getMessage(), getCause(), id);
    }

    public static MeshgateException of(Kind kind, String message) {
        return new MeshgateException(kind, message, null);
    }

    public static MeshgateException badRequest(String message) {
        return of(Kind.BAD_REQUEST, message);
    }

    public static MeshgateException noSuchService(String serviceId) {
        return of(Kind.NO_SUCH_SERVICE, "no live node hosts service '" + serviceId + "'");
    }

    public static MeshgateException timeout(long timeoutMs) {
        return of(Kind.TIMEOUT, "no answer within " + timeoutMs + " ms");
    }

    public static MeshgateException overloaded(String message) {
        return of(Kind.OVERLOADED, message);
    }

    public static MeshgateException handlerError(Throwable cause) {
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new MeshgateException(Kind.HANDLER_ERROR, msg, cause);
    }

    public static MeshgateException unavailable(String message) {
        return of(Kind.UNAVAILABLE, message);
    }

    public static MeshgateException malformedFrame(String message) {
        return of(Kind.MALFORMED_FRAME, message);
    }

    public static MeshgateException internal(String message, Throwable cause) {
        return new MeshgateException(Kind.INTERNAL, message, cause);
    }
}
