package io.meshgate.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this node takes new work: open until the node starts to drain, then closed for good. A
 * closed node passes every request it receives back to its topic (without counting a hop), so
 * another node runs it. Thread-safe.
 */
@ApplicationScoped
public class Intake {

    private volatile boolean open = true;

    /** Whether the node takes new requests and sessions. */
    public boolean open() {
        return open;
    }

    /** Stops taking new requests and sessions. */
    public void close() {
        open = false;
    }
}
