package io.meshgate.service;

import io.meshgate.envelope.MeshRequest;

/**
 * The load filter: decides, from a request's load-balance factor and this node's state, whether
 * the node takes the request. One small replaceable piece: the dispatcher only asks it.
 */
public interface AdmissionPolicy {

    /** What to do with a request. */
    sealed interface Decision {
        /** Run it here. */
        record Accept() implements Decision { }

        /** Leave it to another node: publish it again carrying this load factor. */
        record Decline(int nextLoadFactor) implements Decision { }

        /** No node should take it any more: answer OVERLOADED. */
        record Reject(String reason) implements Decision { }
    }

    /** Decides for one request that has not expired. */
    Decision decide(MeshRequest request, LoadSnapshot load);
}
