package io.meshgate.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.WireMessage;
import org.junit.jupiter.api.Test;

class RetryAdviceTest {

    private static final RetryAdvice ADVICE = new RetryAdvice(1_000, 250);

    private static WireMessage.ErrorMessage error(MeshgateException.Kind kind) {
        return WireMessage.ErrorMessage.of(MeshgateException.of(kind, "refused").forRequest("7"), "node-1", null);
    }

    @Test
    void anUnavailableWhileTheBrokerIsLostAdvisesTheLongerWait() {
        assertEquals(1_000, ADVICE.advise(error(MeshgateException.Kind.UNAVAILABLE), false).retryAfterMs());
    }

    @Test
    void anUnavailableWhileOnlyTheViewFormsAdvisesTheShorterWait() {
        assertEquals(250, ADVICE.advise(error(MeshgateException.Kind.UNAVAILABLE), true).retryAfterMs());
    }

    @Test
    void anErrorThatIsNotUnavailableCarriesNoAdvice() {
        WireMessage.ErrorMessage overloaded = error(MeshgateException.Kind.OVERLOADED);

        assertEquals(overloaded, ADVICE.advise(overloaded, false));
    }

    @Test
    void adviceOverTheProtocolsMaximumIsRefusedAtConfiguration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RetryAdvice(60_001, 250));

        assertEquals("retry advice must be between 0 and 60000 ms, not 60001", e.getMessage());
    }
}
