package io.meshgate.envelope;

import static io.meshgate.envelope.Fixtures.DEADLINE;
import static io.meshgate.envelope.Fixtures.REQUEST_TIME;
import static io.meshgate.envelope.Fixtures.assertSameRequest;
import static io.meshgate.envelope.Fixtures.utf8;
import static io.meshgate.envelope.Fixtures.without;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeshRequestTest {

    private static MeshRequest withLoadFactor(int loadFactor) {
        return new MeshRequest("c1", "echo", "ping", utf8("{}"), "s1", "node-a", "r", DEADLINE, loadFactor, 0, null,
                REQUEST_TIME, null);
    }

    @Test
    void fromOfToEnvelopeGivesBackTheRequest() {
        MeshRequest r = Fixtures.request();

        assertSameRequest(r, MeshRequest.from(r.toEnvelope()));
    }

    @Test
    void fromOfToEnvelopeGivesBackTheRequestWithoutIdempotencyKey() {
        MeshRequest r = Fixtures.requestWithoutIdempotencyKey();

        assertSameRequest(r, MeshRequest.from(r.toEnvelope()));
    }

    @Test
    void toEnvelopeMapsTheRequestOntoCloudEventsAttributes() {
        Envelope e = Fixtures.request().toEnvelope();

        assertEquals("c0ffee-0001", e.id());
        assertEquals("/meshgate/node/node-a", e.source());
        assertEquals(MeshRequest.TYPE, e.type());
        assertEquals("echo", e.subject());
        assertEquals(REQUEST_TIME, e.time());
        assertEquals("application/json", e.dataContentType());
        assertEquals(Map.of(Attributes.OPERATION, "ping", Attributes.SESSION, "sess-1", Attributes.ORIGIN, "node-a",
                Attributes.REPLY_TO, "meshgate.reply.node-a", Attributes.DEADLINE, DEADLINE,
                Attributes.LOAD_FACTOR, 60, Attributes.HOPS, 1, Attributes.IDEMPOTENCY_KEY, "key-1"), e.extensions());
        assertArrayEquals(utf8(Fixtures.PARAMS), e.data());
    }

    @Test
    void toEnvelopeOmitsAbsentIdempotencyKey() {
        Envelope e = Fixtures.requestWithoutIdempotencyKey().toEnvelope();

        assertFalse(e.extensions().containsKey(Attributes.IDEMPOTENCY_KEY));
    }

    @Test
    void fromRejectsEnvelopeOfAnotherType() {
        Envelope reply = Fixtures.resultReply().toEnvelope();

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> MeshRequest.from(reply));

        assertEquals("not a request: type is 'io.meshgate.reply'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {Attributes.OPERATION, Attributes.SESSION, Attributes.ORIGIN, Attributes.REPLY_TO,
            Attributes.DEADLINE})
    void fromRejectsEnvelopeWithoutRequiredExtension(String extension) {
        Envelope incomplete = without(Fixtures.request().toEnvelope(), extension);

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> MeshRequest.from(incomplete));

        assertEquals("attribute '" + extension + "' is required", e.getMessage());
    }

    @Test
    void fromRejectsEnvelopeWithoutSubject() {
        Envelope e = Fixtures.request().toEnvelope();
        Envelope incomplete = new Envelope(e.id(), e.source(), e.type(), null, e.time(), e.dataContentType(),
                e.extensions(), e.data());

        EnvelopeException ex = assertThrows(EnvelopeException.class, () -> MeshRequest.from(incomplete));

        assertEquals("attribute 'subject' is required", ex.getMessage());
    }

    @Test
    void fromRejectsEnvelopeWithoutTime() {
        Envelope e = Fixtures.request().toEnvelope();
        Envelope incomplete = new Envelope(e.id(), e.source(), e.type(), e.subject(), null, e.dataContentType(),
                e.extensions(), e.data());

        EnvelopeException ex = assertThrows(EnvelopeException.class, () -> MeshRequest.from(incomplete));

        assertEquals("attribute 'time' is required", ex.getMessage());
    }

    @Test
    void fromDefaultsMissingLoadFactorToHundredAndMissingHopsToZero() {
        Envelope e = without(without(Fixtures.request().toEnvelope(), Attributes.LOAD_FACTOR), Attributes.HOPS);

        MeshRequest r = MeshRequest.from(e);

        assertEquals(100, r.loadFactor());
        assertEquals(0, r.hops());
    }

    @Test
    void declinedIncrementsHopsAndSetsTheNewLoadFactor() {
        MeshRequest r = Fixtures.request();

        MeshRequest next = r.declined(80);

        assertEquals(2, next.hops());
        assertEquals(80, next.loadFactor());
    }

    @Test
    void declinedKeepsEveryOtherField() {
        MeshRequest r = Fixtures.request();

        MeshRequest next = r.declined(80);

        assertSameRequest(new MeshRequest(r.correlationId(), r.service(), r.operation(), r.params(), r.sessionId(),
                r.originNode(), r.replyTo(), r.deadline(), 80, 2, r.idempotencyKey(), r.time(), null), next);
    }

    @Test
    void declinedRejectsLoadFactorAboveHundred() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> Fixtures.request().declined(101));

        assertEquals("load factor must be between 0 and 100, not 101", e.getMessage());
    }

    @Test
    void constructorRejectsLoadFactorAboveHundred() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> withLoadFactor(101));

        assertEquals("load factor must be between 0 and 100, not 101", e.getMessage());
    }

    @Test
    void constructorRejectsNegativeLoadFactor() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> withLoadFactor(-1));

        assertEquals("load factor must be between 0 and 100, not -1", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void constructorAcceptsLoadFactorAtTheBounds(int loadFactor) {
        assertEquals(loadFactor, withLoadFactor(loadFactor).loadFactor());
    }

    @Test
    void constructorRejectsNegativeHops() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> new MeshRequest("c1", "echo", "ping",
                utf8("{}"), "s1", "node-a", "r", DEADLINE, 50, -1, null, REQUEST_TIME, null));

        assertEquals("hops must not be negative", e.getMessage());
    }

    @Test
    void requestIsNotExpiredBeforeTheDeadline() {
        assertFalse(Fixtures.request().expiredAt(DEADLINE.minusNanos(1)));
    }

    @Test
    void requestIsExpiredExactlyAtTheDeadline() {
        assertTrue(Fixtures.request().expiredAt(DEADLINE));
    }

    @Test
    void requestIsExpiredAfterTheDeadline() {
        assertTrue(Fixtures.request().expiredAt(DEADLINE.plusMillis(1)));
    }

    @Test
    void paramsAreCopiedInAndOut() {
        byte[] params = utf8("[1]");
        MeshRequest r = new MeshRequest("c1", "echo", "ping", params, "s1", "node-a", "r", DEADLINE, 50, 0, null,
                REQUEST_TIME, null);

        params[1] = '9';
        r.params()[1] = '8';

        assertArrayEquals(utf8("[1]"), r.params());
    }
}
