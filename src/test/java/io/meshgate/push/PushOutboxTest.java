package io.meshgate.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.envelope.MeshPush;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.MeshgateException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PushOutboxTest {

    private final Metrics metrics = new Metrics();
    private final AtomicBoolean brokerUp = new AtomicBoolean(true);
    private final List<String> sent = new ArrayList<>();

    private PushOutbox outbox(int capacity, PushOutbox.Sender sender) {
        return new PushOutbox(capacity, brokerUp::get, sender, metrics);
    }

    private PushOutbox outbox(int capacity) {
        return outbox(capacity, push -> sent.add(push.id()));
    }

    private static MeshPush push(String id) {
        return new MeshPush(id, "node-a", MeshPush.To.TOPIC, "orders", "orders",
                "{}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void pushesAreSentInTheOrderTheyWereMade() throws InterruptedException {
        PushOutbox o = outbox(8);
        o.offer(push("p1"));
        o.offer(push("p2"));
        o.offer(push("p3"));

        while (o.sendNext(0)) {
            // drain
        }

        assertEquals(List.of("p1", "p2", "p3"), sent);
        assertEquals(3, metrics.count("meshgate_pushes_sent_total", "to", "topic"));
    }

    @Test
    void aPushMadeWhileTheBrokerIsLostIsDroppedAtOnceAndCounted() {
        brokerUp.set(false);

        assertFalse(outbox(8).offer(push("p1")));

        assertEquals(1, metrics.count("meshgate_pushes_dropped_total", "reason", "broker_lost"));
    }

    @Test
    void aPushBeyondTheQueuesCapacityIsDroppedAndCounted() {
        PushOutbox o = outbox(1);

        assertTrue(o.offer(push("p1")));
        assertFalse(o.offer(push("p2")));

        assertEquals(1, metrics.count("meshgate_pushes_dropped_total", "reason", "queue_full"));
        assertEquals(1, o.waiting());
    }

    @Test
    void aQueuedPushWhoseBrokerIsLostBeforeItsTurnIsDroppedNotSent() throws InterruptedException {
        PushOutbox o = outbox(8);
        o.offer(push("p1"));
        brokerUp.set(false);

        o.sendNext(0);

        assertEquals(List.of(), sent);
        assertEquals(1, metrics.count("meshgate_pushes_dropped_total", "reason", "broker_lost"));
    }

    @Test
    void aSendTheBrokerRefusesIsCountedAndTheNextPushStillGoes() throws InterruptedException {
        PushOutbox o = outbox(8, push -> {
            if (push.id().equals("p1")) {
                throw MeshgateException.unavailable("broker did not take it");
            }
            sent.add(push.id());
        });
        o.offer(push("p1"));
        o.offer(push("p2"));

        o.sendNext(0);
        o.sendNext(0);

        assertEquals(List.of("p2"), sent);
        assertEquals(1, metrics.count("meshgate_pushes_dropped_total", "reason", "send_failed"));
    }

    @Test
    void nothingToSendIsSaidAfterTheWait() throws InterruptedException {
        assertFalse(outbox(8).sendNext(1));
    }
}
