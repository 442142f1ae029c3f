package io.meshgate.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgate.envelope.MeshPush;
import io.meshgate.metrics.Metrics;
import io.meshgate.testing.MutableClock;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final Metrics metrics = new Metrics();
    private final Recipients table = new Recipients(8, 100, Duration.ofMinutes(10), new MutableClock(NOW));
    private final FanOut fanOut = new FanOut(table, metrics);
    private final List<WireMessage.Push> received = new ArrayList<>();
    private final PushRecipient open = push -> received.add(push);
    private final PushRecipient closing = push -> false;

    private static MeshPush push(MeshPush.To to, String target, String data) {
        return new MeshPush("p1", "node-b", to, target, to == MeshPush.To.TOPIC ? target : "news",
                data.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void aPushIsWrittenToTheSessionWithItsTopicAndData() {
        table.attach("s-a", null, open);

        fanOut.deliver(push(MeshPush.To.SESSION, "s-a", "{\"n\":1}"));

        assertEquals(1, received.size());
        assertEquals("news", received.get(0).topic());
        assertEquals("{\"kind\":\"push\",\"topic\":\"news\",\"data\":{\"n\":1}}",
                new String(new MessageCodec().encode(received.get(0)), StandardCharsets.UTF_8));
    }

    @Test
    void everySessionATopicPushReachesCountsAsOneDelivery() {
        for (String id : List.of("s-a", "s-b", "s-c")) {
            table.attach(id, null, open);
            table.subscribe(id, List.of("orders"));
        }

        assertEquals(3, fanOut.deliver(push(MeshPush.To.TOPIC, "orders", "{}")));

        assertEquals(3, metrics.count("meshgate_pushes_delivered_total", "to", "topic"));
    }

    @Test
    void aPushToASessionThatEndedHereIsDroppedAsGone() {
        table.attach("s-a", null, open);
        table.detach("s-a", true);

        fanOut.deliver(push(MeshPush.To.SESSION, "s-a", "{}"));

        assertEquals(1, metrics.count("meshgate_pushes_dropped_total", "reason", "session_gone"));
        assertEquals(0, metrics.count("meshgate_pushes_unmatched_total", "to", "session"));
    }

    @Test
    void aPushToASessionThisNodeNeverHeldIsUnmatchedNotDropped() {
        fanOut.deliver(push(MeshPush.To.SESSION, "s-elsewhere", "{}"));

        assertEquals(1, metrics.count("meshgate_pushes_unmatched_total", "to", "session"));
        assertEquals(0, metrics.count("meshgate_pushes_dropped_total", "reason", "session_gone"));
    }

    @Test
    void aTopicNobodyHereSubscribedToIsUnmatched() {
        fanOut.deliver(push(MeshPush.To.TOPIC, "orders", "{}"));

        assertEquals(1, metrics.count("meshgate_pushes_unmatched_total", "to", "topic"));
    }

    @Test
    void aSessionWhoseSocketIsClosingIsDroppedAndTheOthersStillGetThePush() {
        table.attach("s-a", "CN=alice", closing);
        table.attach("s-b", "CN=alice", open);

        assertEquals(1, fanOut.deliver(push(MeshPush.To.IDENTITY, "CN=alice", "{}")));

        assertEquals(1, received.size());
        assertEquals(1, metrics.count("meshgate_pushes_dropped_total", "reason", "session_closing"));
        assertEquals(1, metrics.count("meshgate_pushes_delivered_total", "to", "identity"));
    }

    @Test
    void dataThatIsNotJsonIsDroppedAsUnreadable() {
        table.attach("s-a", null, open);

        assertEquals(0, fanOut.deliver(push(MeshPush.To.SESSION, "s-a", "{not json")));

        assertEquals(0, received.size());
        assertEquals(1, metrics.count("meshgate_pushes_dropped_total", "reason", "unreadable"));
    }
}
