package io.meshgate.cluster;

/** How many client sessions this node holds; implemented by the channel layer, read by heartbeats. */
public interface SessionGauge {

    /** Open client sessions on this node. */
    int openSessions();
}
