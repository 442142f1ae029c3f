package io.meshgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CounterFamilyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CounterFamily family = new CounterFamily("meshgate_requests_total", "outcome", registry);

    @Test
    void aLabelValueCountedAgainUsesTheSameCounter() {
        assertSame(family.counter("ok"), family.counter("ok"));
    }

    @Test
    void eachLabelValueIsRegisteredAsOneTaggedCounter() {
        family.counter("ok").increment();
        family.counter("TIMEOUT").increment();

        assertEquals(2, registry.find("meshgate_requests_total").counters().size());
        assertEquals(1, registry.get("meshgate_requests_total").tag("outcome", "TIMEOUT").counter().count());
    }
}
