package io.meshgate.envelope;

import static io.meshgate.envelope.Fixtures.assertSameReply;
import static io.meshgate.envelope.Fixtures.assertSameRequest;
import static io.meshgate.envelope.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeBatchTest {

    private static byte[] twoRequests() {
        return EnvelopeBatch.encode(List.of(Fixtures.request().toEnvelope(),
                Fixtures.requestWithoutIdempotencyKey().toEnvelope()));
    }

    @Test
    void requestsComeBackInTheirOrderWithEveryAttributeAndTheirParams() {
        List<Envelope> back = EnvelopeBatch.decode(twoRequests());

        assertEquals(2, back.size());
        assertSameRequest(Fixtures.request(), MeshRequest.from(back.get(0)));
        assertSameRequest(Fixtures.requestWithoutIdempotencyKey(), MeshRequest.from(back.get(1)));
    }

    @Test
    void repliesOfBothKindsComeBackWithTheirBodiesAndErrorCodes() {
        List<Envelope> back = EnvelopeBatch.decode(EnvelopeBatch.encode(List.of(
                Fixtures.resultReply().answering(Fixtures.request()).toEnvelope(),
                Fixtures.errorReply().toEnvelope())));

        assertSameReply(Fixtures.resultReply().answering(Fixtures.request()), MeshReply.from(back.get(0)));
        assertSameReply(Fixtures.errorReply(), MeshReply.from(back.get(1)));
    }

    @Test
    void anEnvelopeRoundTripsToTheSameJmsProperties() {
        Envelope e = Fixtures.request().toEnvelope();

        Envelope back = EnvelopeBatch.decode(EnvelopeBatch.encode(List.of(e))).get(0);

        assertEquals(JmsBinding.toProperties(e), JmsBinding.toProperties(back));
        assertArrayEquals(e.data(), back.data());
    }

    @Test
    void booleanAndNonAsciiStringAttributesKeepTheirTypeAndText() {
        Envelope e = Fixtures.withExtensions(Fixtures.request().toEnvelope(),
                Map.of("flag", true, "who", "Zoë Ångström ✓", "n", 7));

        Envelope back = EnvelopeBatch.decode(EnvelopeBatch.encode(List.of(e))).get(0);

        assertEquals(e.extensions(), back.extensions());
    }

    @Test
    void encodingNoEnvelopeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.encode(List.of()));
    }

    @Test
    void encodingMoreThanTheMostEnvelopesIsRefused() {
        List<Envelope> many = new ArrayList<>(Collections.nCopies(EnvelopeBatch.MAX_COUNT + 1,
                Fixtures.request().toEnvelope()));

        assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.encode(many));
    }

    @Test
    void aBodyWithoutTheMagicIsNotABatch() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> EnvelopeBatch.decode(utf8("{\"a\":1}")));

        assertEquals("not an envelope batch", e.getMessage());
    }

    @Test
    void anotherVersionIsRefusedByNumber() {
        byte[] body = twoRequests();
        body[2] = 9;

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> EnvelopeBatch.decode(body));

        assertEquals("unsupported envelope batch version 9", e.getMessage());
    }

    @Test
    void aCountOfZeroIsRefused() {
        EnvelopeException e = assertThrows(EnvelopeException.class,
                () -> EnvelopeBatch.decode(new byte[] {'M', 'B', 1, 0, 0}));

        assertEquals("an envelope batch holds 1 to 1024 envelopes, not 0", e.getMessage());
    }

    @Test
    void everyCutOfTheBodyIsRefusedAsCutShort() {
        byte[] body = twoRequests();
        for (int length = 0; length < body.length; length++) {
            byte[] cut = Arrays.copyOf(body, length);

            EnvelopeException e = assertThrows(EnvelopeException.class, () -> EnvelopeBatch.decode(cut),
                    "cut at " + length);

            assertEquals(true, e.getMessage().contains("cut short") || e.getMessage().equals("not an envelope batch"),
                    "cut at " + length + ": " + e.getMessage());
        }
    }

    @Test
    void bytesAfterTheLastEnvelopeAreRefused() {
        byte[] body = Arrays.copyOf(twoRequests(), twoRequests().length + 3);

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> EnvelopeBatch.decode(body));

        assertEquals("3 bytes after the last envelope of the batch", e.getMessage());
    }

    @Test
    void anUnknownAttributeTagIsRefusedWithTheEnvelopeIndex() {
        byte[] body = EnvelopeBatch.encode(List.of(Fixtures.request().toEnvelope()));
        // magic, version, count (5), event length (4), property count (1), name length (1), "specversion" (11)
        body[5 + 4 + 1 + 1 + 11] = 'x';

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> EnvelopeBatch.decode(body));

        assertEquals("envelope 0 of the batch: unknown attribute tag 120", e.getMessage());
    }

    @Test
    void anEnvelopeWithoutARequiredAttributeIsRefusedAsJmsBindingRefusesIt() {
        Envelope e = Fixtures.request().toEnvelope();
        byte[] body = EnvelopeBatch.encode(List.of(e));
        // rename "specversion" so that the envelope lacks it
        body[5 + 4 + 1 + 1] = 'X';

        EnvelopeException refused = assertThrows(EnvelopeException.class, () -> EnvelopeBatch.decode(body));

        assertEquals("unsupported specversion 'null'", refused.getMessage());
    }
}
