package io.meshgate.routing;

import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.WireMessage;

/**
 * The node's advice on when to send a refused request again (docs/PROTOCOL.md §4,
 * {@code retryAfterMs}): only an {@code UNAVAILABLE} carries it, longer while the node cannot reach
 * the broker, shorter while only its view of the cluster is still forming, so that clients do not
 * retry faster than the node can recover (every refusal costs a sealed frame each way, on the
 * cores the node needs to fail over). Immutable.
 *
 * @param brokerLostMs advice while the broker is lost ({@code meshgate.retryAfter.brokerLostMs})
 * @param viewUnknownMs advice while the broker is up but the cluster view is not yet trusted
 *     ({@code meshgate.retryAfter.viewUnknownMs})
 */
record RetryAdvice(long brokerLostMs, long viewUnknownMs) {

    RetryAdvice {
        for (long ms : new long[] {brokerLostMs, viewUnknownMs}) {
            if (ms < 0 || ms > WireMessage.ErrorMessage.MAX_RETRY_AFTER_MS) {
                throw new IllegalArgumentException("retry advice must be between 0 and "
                        + WireMessage.ErrorMessage.MAX_RETRY_AFTER_MS + " ms, not " + ms);
            }
        }
    }

    /** {@code error} with the advice that fits the broker's state, if it is an UNAVAILABLE. */
    WireMessage.ErrorMessage advise(WireMessage.ErrorMessage error, boolean brokerUp) {
        if (!MeshgateException.Kind.UNAVAILABLE.code().equals(error.code())) {
            return error;
        }
        return error.retryAfter(brokerUp ? viewUnknownMs : brokerLostMs);
    }
}
