package io.meshgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one name and one label, one per label value, registered with Micrometer the
 * first time a value is counted and looked up by that value afterwards: counting a known value is a
 * map look-up and an increment, with no builder and no string made.
 */
final class CounterFamily {

    private final String name;
    private final String label;
    private final MeterRegistry registry;
    private final Map<String, Counter> byValue = new ConcurrentHashMap<>();

    CounterFamily(String name, String label, MeterRegistry registry) {
        this.name = name;
        this.label = label;
        this.registry = registry;
    }

    /** The name of the label that tells this family's counters apart. */
    String label() {
        return label;
    }

    /** The counter of one label value, registered on its first use. */
    Counter counter(String value) {
        Counter c = byValue.get(value);
        return c != null ? c : byValue.computeIfAbsent(value,
                v -> Counter.builder(name).tag(label, v).register(registry));
    }

    /** The count of one label value; 0 for a value never counted. */
    long count(String value) {
        Counter c = byValue.get(value);
        return c == null ? 0 : (long) c.count();
    }
}
