package io.meshgate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.EnvelopeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ControlMessagesTest {

    private static final Instant SENT = Instant.parse("2025-01-02T03:04:05.123Z");
    private static final Instant RECEIVED = Instant.parse("2025-01-02T03:04:05.200Z");
    private static final NodeStatus STATUS = new NodeStatus("node-a", List.of("echo", "time", "work"), 3, 16, 42,
            SENT);

    @ParameterizedTest
    @ValueSource(strings = {ControlMessages.UP, ControlMessages.HEARTBEAT, ControlMessages.DOWN})
    void statusOfOfGivesBackTheStatusStampedWithTheReceiveTime(String type) {
        Envelope e = ControlMessages.of(type, STATUS);

        assertEquals(new NodeStatus("node-a", List.of("echo", "time", "work"), 3, 16, 42, RECEIVED),
                ControlMessages.statusOf(e, RECEIVED));
    }

    @Test
    void ofMapsTheStatusOntoTheEnvelope() {
        Envelope e = ControlMessages.of(ControlMessages.HEARTBEAT, STATUS);

        assertEquals(ControlMessages.HEARTBEAT, e.type());
        assertEquals("/meshgate/node/node-a", e.source());
        assertEquals("node-a", e.subject());
        assertEquals(SENT, e.time());
        assertEquals("application/json", e.dataContentType());
        assertEquals(Map.of(), e.extensions());
        assertEquals("{\"services\":[\"echo\",\"time\",\"work\"],\"inFlight\":3,\"capacity\":16,\"sessions\":42}",
                new String(e.data(), StandardCharsets.UTF_8));
    }

    @Test
    void statusOfOfNodeWithoutServicesGivesAnEmptyList() {
        NodeStatus idle = new NodeStatus("node-b", List.of(), 0, 8, 0, SENT);

        assertEquals(List.of(), ControlMessages.statusOf(ControlMessages.of(ControlMessages.UP, idle), RECEIVED)
                .services());
    }

    @Test
    void statusOfRejectsEnvelopeWithoutSubject() {
        Envelope e = new Envelope("e1", "/meshgate/node/node-a", ControlMessages.HEARTBEAT, null, SENT,
                "application/json", Map.of(), "{}".getBytes(StandardCharsets.UTF_8));

        EnvelopeException ex = assertThrows(EnvelopeException.class, () -> ControlMessages.statusOf(e, RECEIVED));

        assertEquals("control message without subject (node id)", ex.getMessage());
    }

    @Test
    void statusOfRejectsDataThatIsNotJson() {
        Envelope e = new Envelope("e1", "/meshgate/node/node-a", ControlMessages.HEARTBEAT, "node-a", SENT,
                "application/json", Map.of(), "{services".getBytes(StandardCharsets.UTF_8));

        EnvelopeException ex = assertThrows(EnvelopeException.class, () -> ControlMessages.statusOf(e, RECEIVED));

        assertEquals("control message data is not JSON", ex.getMessage());
    }
}
