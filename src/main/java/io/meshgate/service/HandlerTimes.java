package io.meshgate.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the handlers of each service and operation have held the calling thread lately: a
 * moving average (each new time weighs an eighth) of the time a handler's {@code handle} call took
 * (for an asynchronous handler, until it returned its stage). It tells {@link RequestBatches}
 * which members of a batch are quick enough to run one after another.
 * At most {@value #MAX_KEYS} service and operation pairs are kept: operations are named by
 * clients, and a pair beyond that is never known to be quick.
 *
 * <p>Thread-safe.
 */
@ApplicationScoped
public class HandlerTimes {

    static final int MAX_KEYS = 1_024;
    private final Map<String, AtomicLong> averages = new ConcurrentHashMap<>();

    /** Records one request's time on the listener's thread. */
    public void record(String service, String operation, long nanos) {
        String key = key(service, operation);
        AtomicLong average = averages.get(key);
        if (average == null) {
            if (averages.size() >= MAX_KEYS) {
                return;
            }
            average = averages.computeIfAbsent(key, k -> new AtomicLong(-1));
        }
        average.updateAndGet(old -> old < 0 ? nanos : old + (nanos - old) / 8);
    }

    /** Whether requests of this service and operation took less than {@code limitNanos} lately; false when unknown. */
    public boolean quick(String service, String operation, long limitNanos) {
        AtomicLong average = averages.get(key(service, operation));
        if (average == null) {
            return false;
        }
        long a = average.get();
        return a >= 0 && a < limitNanos;
    }

    private static String key(String service, String operation) {
        return service + '\u0000' + operation;
    }
}
