package io.meshgate.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One request as a handler sees it.
 *
 * @param service        the service id
 * @param operation      the request type the client gave
 * @param params         the business parameters (a JSON object)
 * @param correlationId  unique id of the request in the cluster
 * @param sessionId      the client session on the ingress node
 * @param ingressNode    the node holding the client's session
 * @param deadline       when the client stops waiting
 * @param idempotencyKey the client's idempotency key, or null
 * @param clientIdentity the caller's identity: the subject (RFC 2253) of the client certificate its
 *                       session proved in the secure channel's handshake; null for a session with
 *                       plain frames, which proves no identity. {@link Pushes#toIdentity} takes it.
 */
public record ServiceCall(String service, String operation, JsonNode params, String correlationId, String sessionId,
                          String ingressNode, Instant deadline, String idempotencyKey, String clientIdentity) {
    public ServiceCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** A call from a session without a client identity. */
    public ServiceCall(String service, String operation, JsonNode params, String correlationId, String sessionId,
                       String ingressNode, Instant deadline, String idempotencyKey) {
        this(service, operation, params, correlationId, sessionId, ingressNode, deadline, idempotencyKey, null);
    }
}
