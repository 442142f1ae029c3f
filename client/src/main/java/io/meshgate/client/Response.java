package io.meshgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.wire.MeshgateException;

/**
 * The outcome of one call: a result, or an error code with its message. {@code ingressNode} is
 * the node holding the session; {@code processedBy} the node that ran the handler (null when no
 * node ran it).
 */
public record Response(String id, boolean ok, JsonNode result, String errorCode, String errorMessage,
                       String ingressNode, String processedBy) {

    /** The result, or the error as a {@link MeshgateException}. */
    public JsonNode orThrow() {
        if (!ok) {
            throw MeshgateException.of(MeshgateException.Kind.ofCode(errorCode), errorMessage).forRequest(id);
        }
        return result;
    }
}
