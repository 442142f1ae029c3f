package io.meshgate.envelope;

import static io.meshgate.envelope.Fixtures.REPLY_TIME;
import static io.meshgate.envelope.Fixtures.assertSameReply;
import static io.meshgate.envelope.Fixtures.utf8;
import static io.meshgate.envelope.Fixtures.without;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshReplyTest {

    @Test
    void fromOfToEnvelopeGivesBackTheResultReply() {
        MeshReply r = Fixtures.resultReply();

        assertSameReply(r, MeshReply.from(r.toEnvelope()));
    }

    @Test
    void fromOfToEnvelopeGivesBackTheErrorReply() {
        MeshReply r = Fixtures.errorReply();

        assertSameReply(r, MeshReply.from(r.toEnvelope()));
    }

    @Test
    void resultReplyIsOkAndProcessedBySender() {
        MeshReply r = Fixtures.resultReply();

        assertTrue(r.ok());
        assertEquals("node-b", r.processedBy());
        assertEquals("node-b", r.source());
    }

    @Test
    void errorReplyCarriesCodeAndMessage() {
        MeshReply r = Fixtures.errorReply();

        assertFalse(r.ok());
        assertEquals("OVERLOADED", r.errorCode());
        assertEquals(Fixtures.ERROR_MESSAGE, r.errorMessage());
        assertNull(r.processedBy());
    }

    @Test
    void toEnvelopeOfResultReplyIsJsonWithCorrelationAndProcessedBy() {
        Envelope e = Fixtures.resultReply().toEnvelope();

        assertEquals("c0ffee-0001/reply", e.id());
        assertEquals("/meshgate/node/node-b", e.source());
        assertEquals(MeshReply.TYPE, e.type());
        assertNull(e.subject());
        assertEquals(REPLY_TIME, e.time());
        assertEquals("application/json", e.dataContentType());
        assertEquals(Map.of(Attributes.CORRELATION, "c0ffee-0001", Attributes.PROCESSED_BY, "node-b"),
                e.extensions());
        assertArrayEquals(utf8(Fixtures.PARAMS), e.data());
    }

    @Test
    void toEnvelopeOfErrorReplyIsPlainTextWithErrorCode() {
        Envelope e = Fixtures.errorReply().toEnvelope();

        assertEquals("text/plain; charset=utf-8", e.dataContentType());
        assertEquals(Map.of(Attributes.CORRELATION, "c0ffee-0001", Attributes.ERROR_CODE, "OVERLOADED"),
                e.extensions());
        assertArrayEquals(utf8(Fixtures.ERROR_MESSAGE), e.data());
    }

    @Test
    void fromRejectsEnvelopeOfAnotherType() {
        Envelope request = Fixtures.request().toEnvelope();

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> MeshReply.from(request));

        assertEquals("not a reply: type is 'io.meshgate.request'", e.getMessage());
    }

    @Test
    void fromRejectsEnvelopeWithoutCorrelation() {
        Envelope incomplete = without(Fixtures.resultReply().toEnvelope(), Attributes.CORRELATION);

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> MeshReply.from(incomplete));

        assertEquals("attribute 'meshgatecorrelation' is required", e.getMessage());
    }

    @Test
    void fromRejectsEnvelopeWithoutTime() {
        Envelope e = Fixtures.resultReply().toEnvelope();
        Envelope incomplete = new Envelope(e.id(), e.source(), e.type(), null, null, e.dataContentType(),
                e.extensions(), e.data());

        EnvelopeException ex = assertThrows(EnvelopeException.class, () -> MeshReply.from(incomplete));

        assertEquals("attribute 'time' is required", ex.getMessage());
    }

    @Test
    void fromKeepsSourceWithoutTheNodePrefixAsItIs() {
        Envelope e = Fixtures.resultReply().toEnvelope();
        Envelope foreign = new Envelope(e.id(), "urn:other", e.type(), null, e.time(), e.dataContentType(),
                e.extensions(), e.data());

        assertEquals("urn:other", MeshReply.from(foreign).source());
    }

    @Test
    void bodyIsCopiedInAndOut() {
        byte[] body = utf8("[1]");
        MeshReply r = MeshReply.result("c1", "node-b", body, REPLY_TIME);

        body[1] = '9';
        r.body()[1] = '8';

        assertArrayEquals(utf8("[1]"), r.body());
    }
}
