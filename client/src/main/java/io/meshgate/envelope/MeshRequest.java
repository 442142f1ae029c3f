package io.meshgate.envelope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A business request on its way from the ingress node to a processing node: the typed view of a
 * request envelope. {@link #toEnvelope()} and {@link #from(Envelope)} are exact inverses.
 *
 * @param correlationId unique id of this request across the cluster; the envelope's {@code id}
 * @param service       target service id; the envelope's {@code subject}
 * @param operation     the client's request type
 * @param params        the business parameters, UTF-8 JSON
 * @param sessionId     the client session on the ingress node
 * @param originNode    the ingress node
 * @param replyTo       the destination the reply must go to
 * @param deadline      after this instant the request must not run
 * @param loadFactor    the highest load (in percent of capacity) at which a node may take it
 * @param hops          how often a node has declined it so far
 * @param idempotencyKey the client's idempotency key, or null
 * @param time          when the ingress node published it
 * @param clientRequestId the client's own id of the request (its answer names it), or null
 * @param clientIdentity  the subject of the certificate the calling session proved, or null
 *                        (plain frames)
 */
public record MeshRequest(String correlationId, String service, String operation, byte[] params,
                          String sessionId, String originNode, String replyTo, Instant deadline,
                          int loadFactor, int hops, String idempotencyKey, Instant time,
                          String clientRequestId, String clientIdentity) {

    /** CloudEvents type of a request. */
    public static final String TYPE = "io.meshgate.request";

    public MeshRequest {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(originNode, "originNode");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(time, "time");
        if (loadFactor < 0 || loadFactor > 100) {
            throw new EnvelopeException("load factor must be between 0 and 100, not " + loadFactor);
        }
        if (hops < 0) {
            throw new EnvelopeException("hops must not be negative");
        }
        params = params.clone();
    }

    /** A request from a session without a client identity. */
    public MeshRequest(String correlationId, String service, String operation, byte[] params,
                       String sessionId, String originNode, String replyTo, Instant deadline,
                       int loadFactor, int hops, String idempotencyKey, Instant time, String clientRequestId) {
        this(correlationId, service, operation, params, sessionId, originNode, replyTo, deadline, loadFactor, hops,
                idempotencyKey, time, clientRequestId, null);
    }

    @Override
    public byte[] params() {
        return params.clone();
    }

    /** The number of params bytes, without copying them. */
    public int paramsLength() {
        return params.length;
    }

    /** Whether the deadline has passed at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(deadline);
    }

    /** This request after one more node declined it, with the load factor it now carries. */
    public MeshRequest declined(int newLoadFactor) {
        return new MeshRequest(correlationId, service, operation, params, sessionId, originNode, replyTo, deadline,
                newLoadFactor, hops + 1, idempotencyKey, time, clientRequestId, clientIdentity);
    }

    /** The CloudEvents envelope for this request. */
    public Envelope toEnvelope() {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put(Attributes.OPERATION, operation);
        ext.put(Attributes.SESSION, sessionId);
        ext.put(Attributes.ORIGIN, originNode);
        ext.put(Attributes.REPLY_TO, replyTo);
        ext.put(Attributes.DEADLINE, deadline);
        ext.put(Attributes.LOAD_FACTOR, loadFactor);
        ext.put(Attributes.HOPS, hops);
        if (idempotencyKey != null) {
            ext.put(Attributes.IDEMPOTENCY_KEY, idempotencyKey);
        }
        if (clientRequestId != null) {
            ext.put(Attributes.CLIENT_REQUEST, clientRequestId);
        }
        if (clientIdentity != null) {
            ext.put(Attributes.IDENTITY, clientIdentity);
        }
        return new Envelope(correlationId, "/meshgate/node/" + originNode, TYPE, service, time,
                "application/json", ext, params);
    }

    /**
     * The request in an envelope.
     *
     * @throws EnvelopeException when the envelope is not a request or lacks a routing attribute
     */
    public static MeshRequest from(Envelope e) {
        if (!TYPE.equals(e.type())) {
            throw new EnvelopeException("not a request: type is '" + e.type() + "'");
        }
        return new MeshRequest(e.id(), required(e.subject(), "subject"),
                required(e.stringExtension(Attributes.OPERATION), Attributes.OPERATION), e.data(),
                required(e.stringExtension(Attributes.SESSION), Attributes.SESSION),
                required(e.stringExtension(Attributes.ORIGIN), Attributes.ORIGIN),
                required(e.stringExtension(Attributes.REPLY_TO), Attributes.REPLY_TO),
                required(e.timeExtension(Attributes.DEADLINE), Attributes.DEADLINE),
                e.intExtension(Attributes.LOAD_FACTOR, 100), e.intExtension(Attributes.HOPS, 0),
                e.stringExtension(Attributes.IDEMPOTENCY_KEY), required(e.time(), "time"),
                e.stringExtension(Attributes.CLIENT_REQUEST), e.stringExtension(Attributes.IDENTITY));
    }

    static <T> T required(T value, String attribute) {
        if (value == null) {
            throw new EnvelopeException("attribute '" + attribute + "' is required");
        }
        return value;
    }
}
