package io.meshgate.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.wire.Json;

/**
 * What a fault run sends, fixed in advance: request {@code i} is due {@code i / rate} seconds after
 * the start, goes to session {@code i mod sessions} (round robin), and is an {@code echo} with
 * {@code {"rid":i}} or a {@code work} with {@code {"delayMs":100,"rid":i}}, alternating from one
 * request to the next within a round over the sessions and, on each session, from one of its
 * requests to the next (so that every session sends both).
 *
 * @param rate      requests per second
 * @param durationS seconds of sending
 * @param sessions  sessions the requests are spread over
 */
record ChaosSchedule(int rate, int durationS, int sessions) {

    /** The delay of each {@code work} request. */
    static final int WORK_DELAY_MS = 100;

    ChaosSchedule {
        if (rate < 1 || durationS < 1 || sessions < 1) {
            throw new IllegalArgumentException("rate, duration and sessions must be positive");
        }
    }

    /** Requests in the run. */
    long count() {
        return (long) rate * durationS;
    }

    /** When request {@code i} is due, in nanoseconds after the start. */
    long dueNanos(long i) {
        return i * 1_000_000_000L / rate;
    }

    /** The session request {@code i} goes to. */
    int session(long i) {
        return (int) (i % sessions);
    }

    /** The service of request {@code i}. */
    String service(long i) {
        return (i % sessions + i / sessions) % 2 == 0 ? ChaosLedger.ECHO : "work";
    }

    /** The params of request {@code i}. */
    ObjectNode params(long i) {
        ObjectNode p = Json.mapper().createObjectNode();
        if (!service(i).equals(ChaosLedger.ECHO)) {
            p.put("delayMs", WORK_DELAY_MS);
        }
        return p.put("rid", i);
    }
}
