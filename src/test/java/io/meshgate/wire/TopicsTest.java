package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final String RULE = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

    @ParameterizedTest
    @ValueSource(strings = {"orders", "a", "Orders.EU-west_1", "tenant:42.alerts", "0"})
    void aTopicOfLettersDigitsAndSeparatorsIsAccepted(String topic) {
        assertEquals(topic, Topics.check(topic));
    }

    @Test
    void aTopicOf128CharactersIsAccepted() {
        String topic = "t".repeat(128);

        assertEquals(topic, Topics.check(topic));
    }

    @Test
    void aTopicOf129CharactersIsRefusedWithItsFirst32CharactersInTheMessage() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> Topics.check("t".repeat(129)));

        assertEquals("topic '" + "t".repeat(32) + "...' must match " + RULE, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", ".orders", "-orders", "orders/eu", "orders*", "ördres"})
    void aTopicOutsideTheSyntaxIsABadRequestNamingIt(String topic) {
        MeshgateException e = assertThrows(MeshgateException.class, () -> Topics.check(topic));

        assertEquals(MeshgateException.Kind.BAD_REQUEST, e.kind());
        assertEquals("topic '" + topic + "' must match " + RULE, e.getMessage());
    }

    @Test
    void aNullTopicIsABadRequest() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> Topics.check(null));

        assertEquals("topic null must match " + RULE, e.getMessage());
    }

    @Test
    void aMessageWithoutTopicsIsRefusedWhereTopicsAreRequired() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> Topics.checkAll(List.of(), false));

        assertEquals("topics must hold 1 to 256 topics", e.getMessage());
    }

    @Test
    void aResumeMayNameNoTopics() {
        assertEquals(List.of(), Topics.checkAll(List.of(), true));
    }

    @Test
    void aMessageWithMoreThan256TopicsIsRefused() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> Topics.checkAll(Collections.nCopies(257, "t"), false));

        assertEquals("topics must hold 1 to 256 topics", e.getMessage());
    }

    @Test
    void oneMalformedTopicRefusesTheWholeList() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> Topics.checkAll(List.of("orders", "bad topic"), false));

        assertEquals("topic 'bad topic' must match " + RULE, e.getMessage());
    }
}
