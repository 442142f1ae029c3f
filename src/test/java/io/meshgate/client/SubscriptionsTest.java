package io.meshgate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.wire.Json;
import io.meshgate.wire.WireMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final Subscriptions subscriptions = new Subscriptions();

    private static WireMessage.Response topics(String id, String json) throws Exception {
        return new WireMessage.Response(id, Json.mapper().readTree(json), "node-1", "node-1");
    }

    @Test
    void theNodesAnswerCompletesTheChangeAndBecomesTheConfirmedTopics() throws Exception {
        Subscriptions.Change c = subscriptions.start(new WireMessage.Subscribe("7", List.of("prices", "orders")));

        assertTrue(subscriptions.answer(topics("7", "{\"topics\":[\"prices\",\"orders\"]}")));

        assertTrue(c.result().join().ok());
        assertEquals(List.of("orders", "prices"), List.copyOf(subscriptions.confirmed()));
    }

    @Test
    void anErrorAnswerCompletesTheChangeWithItsCodeAndLeavesTheTopics() {
        Subscriptions.Change c = subscriptions.start(new WireMessage.Subscribe("7", List.of("t65")));

        subscriptions.answer(new WireMessage.ErrorMessage("7", "BAD_REQUEST",
                "a session may subscribe to at most 64 topics", "node-1", null));

        assertEquals("BAD_REQUEST", c.result().join().errorCode());
        assertEquals(Set.of(), subscriptions.confirmed());
    }

    @Test
    void anAnswerToACallIsNotTakenForAChange() throws Exception {
        subscriptions.start(new WireMessage.Subscribe("7", List.of("orders")));

        assertFalse(subscriptions.answer(topics("8", "{\"i\":1}")));
    }

    @Test
    void aChangeStillWaitingIsKeptToBeSentAgainAfterAResume() {
        subscriptions.start(new WireMessage.Unsubscribe("9", List.of("orders")));

        assertEquals("9", subscriptions.waiting().get(0).id());
    }

    @Test
    void theEndOfTheSessionEndsEveryWaitingChangeWithItsCode() {
        Subscriptions.Change c = subscriptions.start(new WireMessage.Subscribe("7", List.of("orders")));

        subscriptions.failAll("DISCONNECTED", "session closed: 1000 bye");

        assertEquals("DISCONNECTED", c.result().join().errorCode());
        assertEquals(List.of(), subscriptions.waiting());
    }
}
