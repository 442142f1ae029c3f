package io.meshgate.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MeshPushTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final byte[] DATA = "{\"order\":\"A-17\"}".getBytes(StandardCharsets.UTF_8);

    private static MeshPush push(MeshPush.To to) {
        String target = switch (to) {
            case SESSION -> "sess-1";
            case IDENTITY -> "CN=alice,O=meshgate";
            case TOPIC -> "orders";
        };
        return new MeshPush("p1", "node-a", to, target, "orders", DATA, NOW);
    }

    @ParameterizedTest
    @EnumSource(MeshPush.To.class)
    void aPushSurvivesTheEnvelopeBothWays(MeshPush.To to) {
        MeshPush p = push(to);

        MeshPush back = MeshPush.from(p.toEnvelope());

        assertEquals(p.id(), back.id());
        assertEquals(p.sourceNode(), back.sourceNode());
        assertEquals(p.to(), back.to());
        assertEquals(p.target(), back.target());
        assertEquals(p.topic(), back.topic());
        assertArrayEquals(DATA, back.data());
        assertEquals(NOW, back.time());
    }

    @Test
    void aSessionPushNamesItsSessionInTheSessionAttribute() {
        Envelope e = push(MeshPush.To.SESSION).toEnvelope();

        assertEquals("io.meshgate.push", e.type());
        assertEquals("/meshgate/node/node-a", e.source());
        assertEquals("orders", e.subject());
        assertEquals("session", e.stringExtension(Attributes.PUSH_TO));
        assertEquals("sess-1", e.stringExtension(Attributes.SESSION));
        assertNull(e.stringExtension(Attributes.IDENTITY));
    }

    @Test
    void anIdentityPushNamesItsIdentityInTheIdentityAttribute() {
        Envelope e = push(MeshPush.To.IDENTITY).toEnvelope();

        assertEquals("identity", e.stringExtension(Attributes.PUSH_TO));
        assertEquals("CN=alice,O=meshgate", e.stringExtension(Attributes.IDENTITY));
        assertNull(e.stringExtension(Attributes.SESSION));
    }

    @Test
    void aSessionPushWithoutItsSessionIsRefused() {
        Envelope e = new Envelope("p1", "/meshgate/node/node-a", MeshPush.TYPE, "orders", NOW, "application/json",
                Map.of(Attributes.PUSH_TO, "session"), DATA);

        EnvelopeException x = assertThrows(EnvelopeException.class, () -> MeshPush.from(e));

        assertEquals("attribute 'meshgatesession' is required", x.getMessage());
    }

    @Test
    void anUnknownKindOfTargetIsRefused() {
        Envelope e = new Envelope("p1", "/meshgate/node/node-a", MeshPush.TYPE, "orders", NOW, "application/json",
                Map.of(Attributes.PUSH_TO, "everyone"), DATA);

        EnvelopeException x = assertThrows(EnvelopeException.class, () -> MeshPush.from(e));

        assertEquals("attribute 'meshgatepushto' must be session, identity or topic, not 'everyone'", x.getMessage());
    }

    @Test
    void anEnvelopeOfAnotherTypeIsNoPush() {
        Envelope e = new Envelope("p1", "/meshgate/node/node-a", "io.meshgate.reply", "orders", NOW,
                "application/json", Map.of(), DATA);

        EnvelopeException x = assertThrows(EnvelopeException.class, () -> MeshPush.from(e));

        assertEquals("not a push: type is 'io.meshgate.reply'", x.getMessage());
    }
}
