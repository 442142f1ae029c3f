package io.meshgate.envelope;

import static io.meshgate.envelope.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

    private static Envelope withExtension(String name, Object value) {
        Map<String, Object> ext = new HashMap<>();
        ext.put(name, value);
        return new Envelope("e1", "/test", "t", null, null, null, ext, null);
    }

    private static Envelope withData(byte[] data) {
        return new Envelope("e1", "/test", "t", "s", Instant.EPOCH, "application/json", Map.of("a", 1), data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "specversion", "type", "subject", "time", "datacontenttype", "dataschema",
            "data"})
    void constructorRejectsReservedExtensionName(String name) {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> withExtension(name, "x"));

        assertEquals("invalid extension attribute name '" + name + "'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MeshgateOp", "meshgate-op", "meshgate_op", "data_base64", "abcdefghijklmnopqrstu"})
    void constructorRejectsExtensionNameOutsideLowerCaseAlphanumericsUpToTwenty(String name) {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> withExtension(name, "x"));

        assertEquals("invalid extension attribute name '" + name + "'", e.getMessage());
    }

    @Test
    void constructorAcceptsExtensionNameOfTwentyCharacters() {
        Envelope e = withExtension("abcdefghijklmnopqrst", "x");

        assertEquals("x", e.extension("abcdefghijklmnopqrst"));
    }

    @Test
    void constructorRejectsNullExtensionName() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> withExtension(null, "x"));

        assertEquals("invalid extension attribute name 'null'", e.getMessage());
    }

    @Test
    void constructorRejectsNullExtensionValue() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> withExtension("weight", null));

        assertEquals("extension 'weight' must be a String, Integer, Boolean or Instant, not null", e.getMessage());
    }

    @Test
    void constructorRejectsLongExtensionValue() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> withExtension("weight", 5L));

        assertEquals("extension 'weight' must be a String, Integer, Boolean or Instant, not Long", e.getMessage());
    }

    @Test
    void constructorRejectsDoubleExtensionValue() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> withExtension("weight", 0.5d));

        assertEquals("extension 'weight' must be a String, Integer, Boolean or Instant, not Double", e.getMessage());
    }

    @Test
    void constructorAcceptsStringIntegerBooleanAndInstantExtensions() {
        Map<String, Object> ext = Map.of("s", "x", "i", 1, "b", false, "t", Instant.EPOCH);

        Envelope e = new Envelope("e1", "/test", "t", null, null, null, ext, null);

        assertEquals(ext, e.extensions());
    }

    @Test
    void constructorRejectsMissingId() {
        EnvelopeException e = assertThrows(EnvelopeException.class,
                () -> new Envelope(null, "/test", "t", null, null, null, Map.of(), null));

        assertEquals("attribute 'id' is required", e.getMessage());
    }

    @Test
    void constructorRejectsEmptySource() {
        EnvelopeException e = assertThrows(EnvelopeException.class,
                () -> new Envelope("e1", "", "t", null, null, null, Map.of(), null));

        assertEquals("attribute 'source' is required", e.getMessage());
    }

    @Test
    void constructorRejectsMissingType() {
        EnvelopeException e = assertThrows(EnvelopeException.class,
                () -> new Envelope("e1", "/test", null, null, null, null, Map.of(), null));

        assertEquals("attribute 'type' is required", e.getMessage());
    }

    @Test
    void constructorTakesNullDataAsEmpty() {
        Envelope e = withData(null);

        assertArrayEquals(new byte[0], e.data());
        assertEquals(0, e.dataLength());
    }

    @Test
    void mutatingTheInputArrayDoesNotChangeTheEnvelope() {
        byte[] input = utf8("[1]");
        Envelope e = withData(input);

        input[1] = '9';

        assertArrayEquals(utf8("[1]"), e.data());
    }

    @Test
    void mutatingTheReturnedArrayDoesNotChangeTheEnvelope() {
        Envelope e = withData(utf8("[1]"));

        e.data()[1] = '9';

        assertArrayEquals(utf8("[1]"), e.data());
    }

    @Test
    void mutatingTheInputExtensionMapDoesNotChangeTheEnvelope() {
        Map<String, Object> ext = new LinkedHashMap<>(Map.of("a", 1));
        Envelope e = new Envelope("e1", "/test", "t", null, null, null, ext, null);

        ext.put("b", 2);

        assertEquals(Map.of("a", 1), e.extensions());
    }

    @Test
    void extensionsAreUnmodifiable() {
        Envelope e = withData(null);

        assertThrows(UnsupportedOperationException.class, () -> e.extensions().put("b", 2));
    }

    @Test
    void envelopesWithEqualDataContentAreEqualWithEqualHashCodes() {
        Envelope a = withData(utf8("[1]"));
        Envelope b = withData(utf8("[1]"));

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void envelopesWithDifferentDataContentAreNotEqual() {
        assertNotEquals(withData(utf8("[1]")), withData(utf8("[2]")));
    }

    @Test
    void envelopesWithDifferentExtensionsAreNotEqual() {
        assertNotEquals(withExtension("a", 1), withExtension("a", 2));
    }

    @Test
    void withExtensionReplacesAnExistingValueAndLeavesTheOriginalUnchanged() {
        Envelope original = withExtension("a", 1);

        Envelope changed = original.withExtension("a", 2);

        assertEquals(2, changed.extension("a"));
        assertEquals(1, original.extension("a"));
    }

    @Test
    void withExtensionValidatesTheNewValue() {
        EnvelopeException e = assertThrows(EnvelopeException.class,
                () -> withExtension("a", 1).withExtension("b", List.of()));

        assertEquals("extension 'b' must be a String, Integer, Boolean or Instant, not ListN", e.getMessage());
    }

    @Test
    void intExtensionGivesFallbackWhenAbsentOrNotAnInteger() {
        Envelope e = withExtension("s", "7");

        assertEquals(-1, e.intExtension("missing", -1));
        assertEquals(-1, e.intExtension("s", -1));
    }

    @Test
    void timeExtensionIsNullForAStringValue() {
        assertNull(withExtension("t", "2025-01-02T03:04:05Z").timeExtension("t"));
    }

    @Test
    void stringExtensionGivesTheTextOfAnyValue() {
        assertEquals("7", withExtension("n", 7).stringExtension("n"));
    }

    @Test
    void toStringShowsDataLengthNotContent() {
        assertEquals("Envelope[id=e1, source=/test, type=t, subject=s, extensions={a=1}, data=3 bytes]",
                withData(utf8("[1]")).toString());
    }
}
