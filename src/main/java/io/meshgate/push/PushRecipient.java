package io.meshgate.push;

import io.meshgate.wire.WireMessage;

/** Where one session's pushes go: its socket. The channel implements it for each session. */
@FunctionalInterface
public interface PushRecipient {

    /** Sends the push to the session; false when the session could not take it (its socket is closing). */
    boolean deliver(WireMessage.Push push);
}
