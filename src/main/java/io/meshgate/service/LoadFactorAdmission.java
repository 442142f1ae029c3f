package io.meshgate.service;

import io.meshgate.envelope.MeshRequest;

/**
 * Takes a request when this node's load is below the request's load factor and the node is not
 * full. Otherwise declines it, raising the factor by a step so that a busier node may take it on
 * the next hop, until the request has been declined {@code maxHops} times: then rejects it.
 * Immutable.
 */
public final class LoadFactorAdmission implements AdmissionPolicy {

    private final int maxHops;
    private final int step;

    /**
     * @param maxHops how often a request may be declined before it is rejected
     * @param step    how much (percent) each decline raises the load factor
     */
    public LoadFactorAdmission(int maxHops, int step) {
        if (maxHops < 0 || step < 0 || step > 100) {
            throw new IllegalArgumentException("maxHops must be >= 0 and step within 0..100");
        }
        this.maxHops = maxHops;
        this.step = step;
    }

    @Override
    public Decision decide(MeshRequest request, LoadSnapshot load) {
        if (!load.full() && load.percent() < request.loadFactor()) {
            return new Decision.Accept();
        }
        if (request.hops() >= maxHops) {
            return new Decision.Reject("no node could take the request within its limits (declined "
                    + request.hops() + " times)");
        }
        return new Decision.Decline(Math.min(100, request.loadFactor() + step));
    }
}
