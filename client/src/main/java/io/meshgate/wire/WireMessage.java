package io.meshgate.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.regex.Pattern;

/**
 * The inner payload of a frame: one JSON object whose {@code type} says which record it is.
 * Every record validates itself, so a value of this type is always well-formed.
 */
public sealed interface WireMessage {

    /** Longest client request id, idempotency key and request type accepted. */
    int MAX_ID_LENGTH = 128;
    /** Longest timeout a client may ask for (5 minutes). */
    long MAX_TIMEOUT_MS = 300_000;
    /** Service ids: lower-case letters, digits, '.', '_' and '-', at most 64, starting alphanumeric. */
    Pattern SERVICE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** Whether a client request id has a valid form: not blank, at most {@link #MAX_ID_LENGTH} characters. */
    static boolean validId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH;
    }

    /**
     * Sent by the node once the session is open: the session id, the node that holds it, and the
     * token with which the client may resume the session on another node (null when the cluster
     * has no resume key).
     */
    record Hello(String sessionId, String node, String resumeToken) implements WireMessage {
        public Hello {
            requireText(sessionId, "sessionId");
            requireText(node, "node");
        }

        /** A hello without a resume token. */
        public Hello(String sessionId, String node) {
            this(sessionId, node, null);
        }
    }

    /**
     * Client to node, first after the hello of a new connection: take over the session
     * {@code sessionId} that {@code node} held, proven by its resume token, with the requests
     * still waiting for an answer (each with the time it has left as its timeout).
     */
    record Resume(String sessionId, String node, String token, java.util.List<Request> requests,
                  java.util.List<String> topics)
            implements WireMessage {
        /** Most requests one resume may carry (a session's in-flight limit is lower). */
        public static final int MAX_REQUESTS = 4096;

        /**
         * @param topics the push topics the session is subscribed to (PROTOCOL.md §3b): the node
         *               that resumes the session subscribes it to them again
         */
        public Resume {
            requireText(sessionId, "sessionId");
            requireText(node, "node");
            requireText(token, "token");
            requests = java.util.List.copyOf(requests);
            if (requests.size() > MAX_REQUESTS) {
                throw MeshgateException.badRequest("a resume carries at most " + MAX_REQUESTS + " requests");
            }
            topics = Topics.checkAll(topics == null ? java.util.List.of() : topics, true);
        }

        /** A resume of a session without subscriptions. */
        public Resume(String sessionId, String node, String token, java.util.List<Request> requests) {
            this(sessionId, node, token, requests, java.util.List.of());
        }
    }

    /**
     * Node to client: the resume succeeded; this connection now carries session {@code sessionId},
     * with a new resume token. Answers to the resumed requests follow as usual.
     */
    record Resumed(String sessionId, String node, String resumeToken) implements WireMessage {
        public Resumed {
            requireText(sessionId, "sessionId");
            requireText(node, "node");
            requireText(resumeToken, "resumeToken");
        }
    }

    /**
     * A business request (client to node). {@code timeoutMs} is 0 when the client leaves it to
     * the node's default; {@code idempotencyKey} may be null.
     */
    record Request(String id, String service, String type, JsonNode params, long timeoutMs,
                   String idempotencyKey) implements WireMessage {
        public Request {
            requireId(id, "id");
            requireText(service, "service");
            if (!SERVICE_ID.matcher(service).matches()) {
                throw MeshgateException.badRequest("service must match " + SERVICE_ID.pattern());
            }
            requireId(type, "type");
            if (params == null || params.isNull() || params.isMissingNode()) {
                params = JsonNodeFactory.instance.objectNode();
            }
            if (!params.isObject()) {
                throw MeshgateException.badRequest("params must be a JSON object");
            }
            if (timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS) {
                throw MeshgateException.badRequest("timeoutMs must be between 1 and " + MAX_TIMEOUT_MS);
            }
            if (idempotencyKey != null) {
                requireId(idempotencyKey, "idempotencyKey");
            }
        }

        /** The same request with another timeout (the time a resent request has left). */
        public Request withTimeout(long newTimeoutMs) {
            return new Request(id, service, type, params, Math.min(newTimeoutMs, MAX_TIMEOUT_MS), idempotencyKey);
        }

    }

    /** A successful answer (node to client). */
    record Response(String id, JsonNode result, String ingressNode, String processedBy) implements WireMessage {
        public Response {
            requireText(id, "id");
            result = result == null ? JsonNodeFactory.instance.nullNode() : result;
        }
    }

    /**
     * An error (node to client). {@code id} is the request it answers, or null for an error about
     * the session; {@code processedBy} is null when no node ran the request.
     */
    /**
     * An error answer.
     *
     * @param retryAfterMs for a retryable error, how long the node advises the client to wait
     *                     before it sends the request again (at most {@link #MAX_RETRY_AFTER_MS});
     *                     0 when the node advises nothing
     */
    record ErrorMessage(String id, String code, String message, String ingressNode, String processedBy,
                        long retryAfterMs)
            implements WireMessage {
        /** The longest wait a node may advise. */
        public static final long MAX_RETRY_AFTER_MS = 60_000;

        public ErrorMessage {
            requireText(code, "code");
            message = message == null ? "" : message;
            if (retryAfterMs < 0 || retryAfterMs > MAX_RETRY_AFTER_MS) {
                throw MeshgateException.badRequest("retryAfterMs must be between 0 and " + MAX_RETRY_AFTER_MS);
            }
        }

        /** An error without advice on when to retry. */
        public ErrorMessage(String id, String code, String message, String ingressNode, String processedBy) {
            this(id, code, message, ingressNode, processedBy, 0);
        }

        /** The error for a gateway exception, as seen by the client. */
        public static ErrorMessage of(MeshgateException e, String ingressNode, String processedBy) {
            return new ErrorMessage(e.requestId(), e.kind().code(), e.getMessage(), ingressNode, processedBy);
        }

        /** The same error, advising the client to wait {@code ms} before it retries. */
        public ErrorMessage retryAfter(long ms) {
            return new ErrorMessage(id, code, message, ingressNode, processedBy, ms);
        }

        /** This error as an exception of the matching kind. */
        public MeshgateException toException() {
            return MeshgateException.of(MeshgateException.Kind.ofCode(code), message).forRequest(id);
        }
    }

    /**
     * Client to node: subscribe the session to push topics (PROTOCOL.md §3b). Answered like a
     * request, with a {@link Response} (the session's topics) or an {@link ErrorMessage}.
     */
    record Subscribe(String id, java.util.List<String> topics) implements WireMessage {
        public Subscribe {
            requireId(id, "id");
            topics = Topics.checkAll(topics, false);
        }
    }

    /** Client to node: end the session's subscriptions to these topics; answered like {@link Subscribe}. */
    record Unsubscribe(String id, java.util.List<String> topics) implements WireMessage {
        public Unsubscribe {
            requireId(id, "id");
            topics = Topics.checkAll(topics, false);
        }
    }

    /** A message the server pushes without a request. */
    record Push(String topic, JsonNode data) implements WireMessage {
        public Push {
            requireText(topic, "topic");
            data = data == null ? JsonNodeFactory.instance.nullNode() : data;
        }
    }

    private static void requireId(String value, String field) {
        requireText(value, field);
        if (value.length() > MAX_ID_LENGTH) {
            throw MeshgateException.badRequest(field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw MeshgateException.badRequest(field + " is required");
        }
    }
}
