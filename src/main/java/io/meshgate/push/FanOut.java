package io.meshgate.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.envelope.MeshPush;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.Json;
import io.meshgate.wire.WireMessage;
import java.io.IOException;
import java.util.List;

/**
 * Hands one push that arrived from the push address to this node's matching sessions, and counts
 * what became of it: {@code meshgate_pushes_delivered_total{to}} once per session it was written to;
 * {@code meshgate_pushes_dropped_total{reason}} with {@code session_gone} for a push to a session
 * that ended on this node, {@code session_closing} for a session whose socket could not take it
 * any more, {@code unreadable} for data that is not JSON; and
 * {@code meshgate_pushes_unmatched_total{to}} when nothing on this node matched (normal: the
 * target is on another node, or nobody subscribed). Nothing here throws to the caller for a push
 * that cannot be delivered.
 *
 * <p>Plain class, thread-safe; delivery runs on the caller's thread, one session after another.
 */
final class FanOut {

    private final Recipients recipients;
    private final Metrics metrics;

    FanOut(Recipients recipients, Metrics metrics) {
        this.recipients = recipients;
        this.metrics = metrics;
    }

    /** Delivers the push to every matching session here; returns how many took it. */
    int deliver(MeshPush push) {
        String to = push.to().attribute();
        List<PushRecipient> targets = recipients.matching(push.to(), push.target());
        if (targets.isEmpty()) {
            if (push.to() == MeshPush.To.SESSION && recipients.endedHere(push.target())) {
                metrics.increment(PushMetrics.DROPPED, "reason", PushMetrics.SESSION_GONE);
            } else {
                metrics.increment(PushMetrics.UNMATCHED, "to", to);
            }
            return 0;
        }
        JsonNode data;
        try {
            data = Json.embedded(push.data());
        } catch (IOException e) {
            metrics.increment(PushMetrics.DROPPED, "reason", PushMetrics.UNREADABLE);
            return 0;
        }
        WireMessage.Push message = new WireMessage.Push(push.topic(), data);
        int delivered = 0;
        for (PushRecipient r : targets) {
            if (r.deliver(message)) {
                delivered++;
            } else {
                metrics.increment(PushMetrics.DROPPED, "reason", PushMetrics.SESSION_CLOSING);
            }
        }
        if (delivered > 0) {
            metrics.add(PushMetrics.DELIVERED, "to", to, delivered);
        }
        return delivered;
    }
}
