package io.meshgate.push;

/** The names of the push counters and the values of their labels (docs/OPERATIONS.md, "Push"). */
final class PushMetrics {

    /** Pushes this node's services made that went to the broker, by {@code to}. */
    static final String SENT = "meshgate_pushes_sent_total";
    /** Push messages written to a session of this node, by {@code to}: one per session. */
    static final String DELIVERED = "meshgate_pushes_delivered_total";
    /** Pushes dropped, by {@code reason}. */
    static final String DROPPED = "meshgate_pushes_dropped_total";
    /** Pushes from the push address that no session of this node matched, by {@code to}. */
    static final String UNMATCHED = "meshgate_pushes_unmatched_total";

    /** Sending side: the broker was unreachable when the push was made or due to be sent. */
    static final String BROKER_LOST = "broker_lost";
    /** Sending side: the queue of pushes waiting to be sent was full. */
    static final String QUEUE_FULL = "queue_full";
    /** Sending side: the broker refused the send. */
    static final String SEND_FAILED = "send_failed";
    /** Receiving side: the target session ended on this node. */
    static final String SESSION_GONE = "session_gone";
    /** Receiving side: the session's socket was closing and could not take the push. */
    static final String SESSION_CLOSING = "session_closing";
    /** Receiving side: the push message could not be read. */
    static final String UNREADABLE = "unreadable";

    private PushMetrics() {
    }
}
