package io.meshgate.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this node takes new work: open until the node starts to drain, then closed for good. A
 * closed node passes every request it receives back to its topic (without counting a hop), so
 * another node runs it. New sessions wait for the node's warm-up as well: a node that has just
 * started takes requests from the broker (its warm-up needs that), but no client sessions until
 * its hot paths are compiled. Thread-safe.
 */
@ApplicationScoped
public class Intake {

    private volatile boolean open = true;
    private volatile boolean warm;

    /** Whether the node takes new requests and sessions. */
    public boolean open() {
        return open;
    }

    /** Whether the node takes new client sessions: it is open and has warmed up. */
    public boolean sessionsOpen() {
        return open && warm;
    }

    /** Whether the node has warmed up. */
    public boolean warm() {
        return warm;
    }

    /** The warm-up is over: the node takes client sessions from now on (unless it drains). */
    public void warmedUp() {
        warm = true;
    }

    /** Stops taking new requests and sessions. */
    public void close() {
        open = false;
    }
}
