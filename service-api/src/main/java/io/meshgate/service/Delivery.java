package io.meshgate.service;

/**
 * What happens to a request whose processing node dies before it answers (the broker gives the
 * unacknowledged request to another node). In both cases the client gets exactly one answer: the
 * reply destination drops a second reply to the same request, and the ingress node's pending
 * table accepts one outcome per request.
 */
public enum Delivery {
    /**
     * The request runs again on another node and its answer reaches the client. A handler may
     * therefore run twice for one request: it can tell by {@code ServiceCall.idempotencyKey()}.
     * The default; right for reads and for handlers that are idempotent by key.
     */
    AT_LEAST_ONCE,
    /**
     * The request is never run a second time: a node that receives it again answers
     * {@code INTERRUPTED} (it may have run in part) without running the handler.
     */
    AT_MOST_ONCE
}
