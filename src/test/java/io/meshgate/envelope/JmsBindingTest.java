package io.meshgate.envelope;

import static io.meshgate.envelope.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmsBindingTest {

    @Test
    void toPropertiesOfRequestGivesPrefixedNamesInStableOrder() {
        Map<String, Object> p = JmsBinding.toProperties(Fixtures.request().toEnvelope());

        assertEquals(List.of("cloudEvents_specversion", "cloudEvents_id", "cloudEvents_source", "cloudEvents_type",
                "cloudEvents_subject", "cloudEvents_time", "cloudEvents_datacontenttype", "cloudEvents_meshgateop",
                "cloudEvents_meshgatesession", "cloudEvents_meshgateorigin", "cloudEvents_meshgatereplyto",
                "cloudEvents_meshgatedeadline", "cloudEvents_meshgatelbf", "cloudEvents_meshgatehops",
                "cloudEvents_meshgateidemkey"), List.copyOf(p.keySet()));
    }

    @Test
    void toPropertiesOfRequestGivesTheAttributeValuesWithJmsTypes() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("cloudEvents_specversion", "1.0");
        expected.put("cloudEvents_id", "c0ffee-0001");
        expected.put("cloudEvents_source", "/meshgate/node/node-a");
        expected.put("cloudEvents_type", "io.meshgate.request");
        expected.put("cloudEvents_subject", "echo");
        expected.put("cloudEvents_time", Fixtures.REQUEST_TIME.toEpochMilli());
        expected.put("cloudEvents_datacontenttype", "application/json");
        expected.put("cloudEvents_meshgateop", "ping");
        expected.put("cloudEvents_meshgatesession", "sess-1");
        expected.put("cloudEvents_meshgateorigin", "node-a");
        expected.put("cloudEvents_meshgatereplyto", "meshgate.reply.node-a");
        expected.put("cloudEvents_meshgatedeadline", Fixtures.DEADLINE.toEpochMilli());
        expected.put("cloudEvents_meshgatelbf", 60);
        expected.put("cloudEvents_meshgatehops", 1);
        expected.put("cloudEvents_meshgateidemkey", "key-1");

        assertEquals(expected, JmsBinding.toProperties(Fixtures.request().toEnvelope()));
    }

    @Test
    void toPropertiesWritesTimeAsLongEpochMillis() {
        Object time = JmsBinding.toProperties(Fixtures.request().toEnvelope()).get("cloudEvents_time");

        assertEquals(Long.class, time.getClass());
        assertEquals(1735787045123L, time);
    }

    @Test
    void toPropertiesWritesInstantExtensionAsLongEpochMillis() {
        Object deadline = JmsBinding.toProperties(Fixtures.request().toEnvelope()).get("cloudEvents_meshgatedeadline");

        assertEquals(Long.class, deadline.getClass());
        assertEquals(1735787050123L, deadline);
    }

    @Test
    void toPropertiesKeepsIntegerExtensionAsInteger() {
        Object lbf = JmsBinding.toProperties(Fixtures.request().toEnvelope()).get("cloudEvents_meshgatelbf");

        assertEquals(Integer.class, lbf.getClass());
        assertEquals(60, lbf);
    }

    @Test
    void toPropertiesKeepsBooleanExtensionAsBoolean() {
        Envelope e = new Envelope("e1", "/test", "t", null, null, null, Map.of("flag", true), null);

        assertEquals(Boolean.TRUE, JmsBinding.toProperties(e).get("cloudEvents_flag"));
    }

    @Test
    void toPropertiesOmitsAbsentOptionalAttributes() {
        Envelope e = new Envelope("e1", "/test", "t", null, null, null, Map.of(), null);

        assertEquals(Map.of("cloudEvents_specversion", "1.0", "cloudEvents_id", "e1", "cloudEvents_source", "/test",
                "cloudEvents_type", "t"), JmsBinding.toProperties(e));
    }

    @Test
    void toPropertiesTruncatesSubMillisecondTimesToMillis() {
        Envelope e = new Envelope("e1", "/test", "t", null, Instant.parse("2025-01-02T03:04:05.123456789Z"), null,
                Map.of(), null);

        Envelope back = JmsBinding.fromProperties(JmsBinding.toProperties(e), e.data());

        assertEquals(Instant.parse("2025-01-02T03:04:05.123Z"), back.time());
    }

    @Test
    void fromPropertiesOfRequestPropertiesGivesBackTheRequestEnvelope() {
        Envelope e = Fixtures.request().toEnvelope();

        assertEquals(e, JmsBinding.fromProperties(JmsBinding.toProperties(e), e.data()));
    }

    @Test
    void fromPropertiesOfResultReplyPropertiesGivesBackTheReplyEnvelope() {
        Envelope e = Fixtures.resultReply().toEnvelope();

        assertEquals(e, JmsBinding.fromProperties(JmsBinding.toProperties(e), e.data()));
    }

    @Test
    void fromPropertiesOfErrorReplyPropertiesGivesBackTheReplyEnvelope() {
        Envelope e = Fixtures.errorReply().toEnvelope();

        assertEquals(e, JmsBinding.fromProperties(JmsBinding.toProperties(e), e.data()));
    }

    @Test
    void fromPropertiesReadsLongExtensionBackAsInstant() {
        Envelope e = JmsBinding.fromProperties(JmsBinding.toProperties(Fixtures.request().toEnvelope()), null);

        assertEquals(Fixtures.DEADLINE, e.timeExtension(Attributes.DEADLINE));
    }

    @Test
    void fromPropertiesIgnoresPropertiesWithoutThePrefix() {
        Envelope e = Fixtures.request().toEnvelope();
        Map<String, Object> p = new LinkedHashMap<>(JmsBinding.toProperties(e));
        p.put("JMSXDeliveryCount", 3);
        p.put("_AMQ_DUPL_ID", "dup-1");
        p.put("cloudevents_lowercase", 4.5d);

        assertEquals(e, JmsBinding.fromProperties(p, e.data()));
    }

    @Test
    void fromPropertiesRejectsMissingSpecversion() {
        Map<String, Object> p = new LinkedHashMap<>(JmsBinding.toProperties(Fixtures.request().toEnvelope()));
        p.remove("cloudEvents_specversion");

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> JmsBinding.fromProperties(p, null));

        assertEquals("unsupported specversion 'null'", e.getMessage());
    }

    @Test
    void fromPropertiesRejectsWrongSpecversion() {
        Map<String, Object> p = new LinkedHashMap<>(JmsBinding.toProperties(Fixtures.request().toEnvelope()));
        p.put("cloudEvents_specversion", "0.3");

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> JmsBinding.fromProperties(p, null));

        assertEquals("unsupported specversion '0.3'", e.getMessage());
    }

    @Test
    void fromPropertiesRejectsMissingId() {
        Map<String, Object> p = new LinkedHashMap<>(JmsBinding.toProperties(Fixtures.request().toEnvelope()));
        p.remove("cloudEvents_id");

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> JmsBinding.fromProperties(p, null));

        assertEquals("attribute 'id' is required", e.getMessage());
    }

    @Test
    void fromPropertiesRejectsNonStringSource() {
        Map<String, Object> p = new LinkedHashMap<>(JmsBinding.toProperties(Fixtures.request().toEnvelope()));
        p.put("cloudEvents_source", 42);

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> JmsBinding.fromProperties(p, null));

        assertEquals("attribute 'source' must be a string", e.getMessage());
    }

    @Test
    void fromPropertiesRejectsTimeThatIsNotATimestamp() {
        Map<String, Object> p = new LinkedHashMap<>(JmsBinding.toProperties(Fixtures.request().toEnvelope()));
        p.put("cloudEvents_time", "yesterday");

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> JmsBinding.fromProperties(p, null));

        assertEquals("attribute 'time' is not a timestamp", e.getMessage());
    }

    @Test
    void fromPropertiesRejectsExtensionOfTypeCloudEventsDoesNotAllow() {
        Map<String, Object> p = new LinkedHashMap<>(JmsBinding.toProperties(Fixtures.request().toEnvelope()));
        p.put("cloudEvents_weight", 1.5d);

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> JmsBinding.fromProperties(p, null));

        assertEquals("extension 'weight' must be a String, Integer, Boolean or Instant, not Double", e.getMessage());
    }

    @Test
    void fromPropertiesTakesTheBodyAsData() {
        Envelope e = JmsBinding.fromProperties(JmsBinding.toProperties(Fixtures.request().toEnvelope()),
                utf8("[1,2]"));

        assertEquals("[1,2]", new String(e.data(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
