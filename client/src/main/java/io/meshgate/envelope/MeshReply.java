package io.meshgate.envelope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link MeshRequest}, on its way from the processing node back to the ingress
 * node: either a result (UTF-8 JSON) or an error code with a message.
 *
 * @param correlationId the request's correlation id
 * @param processedBy   the node that took the request, or null when none ran it
 * @param errorCode     null for a result; otherwise the error code the client sees
 * @param body          the result JSON, or the error message as UTF-8 text
 * @param source        the node that sent this reply
 * @param time          when it was sent
 * @param sessionId     the client session the answer is for (copied from the request), or null
 * @param clientRequestId the client's own id of the request, or null: with {@code sessionId}, what
 *                      lets a node other than the ingress node deliver the answer after the session moved
 */
public record MeshReply(String correlationId, String processedBy, String errorCode, byte[] body, String source,
                        Instant time, String sessionId, String clientRequestId) {

    /** CloudEvents type of a reply. */
    public static final String TYPE = "io.meshgate.reply";

    public MeshReply {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        body = body.clone();
    }

    /** A successful reply. */
    public static MeshReply result(String correlationId, String processedBy, byte[] json, Instant now) {
        return new MeshReply(correlationId, processedBy, null, json, processedBy, now, null, null);
    }

    /** An error reply sent by {@code node}; {@code processedBy} is null when the handler never ran. */
    public static MeshReply error(String correlationId, String node, String processedBy, String code, String message,
                                  Instant now) {
        return new MeshReply(correlationId, processedBy, code,
                message.getBytes(java.nio.charset.StandardCharsets.UTF_8), node, now, null, null);
    }

    /** This reply addressed to the session and client request id of the request it answers. */
    public MeshReply answering(MeshRequest request) {
        return new MeshReply(correlationId, processedBy, errorCode, body, source, time, request.sessionId(),
                request.clientRequestId());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Whether this reply carries a result. */
    public boolean ok() {
        return errorCode == null;
    }

    /** The error message (only for an error reply). */
    public String errorMessage() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The CloudEvents envelope for this reply. */
    public Envelope toEnvelope() {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put(Attributes.CORRELATION, correlationId);
        if (processedBy != null) {
            ext.put(Attributes.PROCESSED_BY, processedBy);
        }
        if (errorCode != null) {
            ext.put(Attributes.ERROR_CODE, errorCode);
        }
        if (sessionId != null) {
            ext.put(Attributes.SESSION, sessionId);
        }
        if (clientRequestId != null) {
            ext.put(Attributes.CLIENT_REQUEST, clientRequestId);
        }
        return new Envelope(correlationId + "/reply", "/meshgate/node/" + source, TYPE, null, time,
                errorCode == null ? "application/json" : "text/plain; charset=utf-8", ext, body);
    }

    /** The reply in an envelope. */
    public static MeshReply from(Envelope e) {
        if (!TYPE.equals(e.type())) {
            throw new EnvelopeException("not a reply: type is '" + e.type() + "'");
        }
        String source = e.source().startsWith("/meshgate/node/") ? e.source().substring(15) : e.source();
        return new MeshReply(MeshRequest.required(e.stringExtension(Attributes.CORRELATION), Attributes.CORRELATION),
                e.stringExtension(Attributes.PROCESSED_BY), e.stringExtension(Attributes.ERROR_CODE), e.data(), source,
                MeshRequest.required(e.time(), "time"), e.stringExtension(Attributes.SESSION),
                e.stringExtension(Attributes.CLIENT_REQUEST));
    }
}
