package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ChaosScheduleTest {

    @Test
    void theRunSendsRateTimesDurationRequestsAtFixedIntervals() {
        ChaosSchedule s = new ChaosSchedule(200, 30, 20);

        assertEquals(6000, s.count());
        assertEquals(0, s.dueNanos(0));
        assertEquals(5_000_000, s.dueNanos(1));
        assertEquals(29_995_000_000L, s.dueNanos(5999));
    }

    @Test
    void requestsGoToTheSessionsInTurn() {
        ChaosSchedule s = new ChaosSchedule(200, 30, 20);

        assertEquals(0, s.session(0));
        assertEquals(19, s.session(19));
        assertEquals(0, s.session(20));
    }

    @Test
    void servicesAlternateFromOneRequestToTheNext() {
        for (int sessions : new int[] {1, 4, 5, 20}) {
            ChaosSchedule s = new ChaosSchedule(200, 30, sessions);
            for (long i = 0; i + 1 < s.count(); i++) {
                if (s.session(i + 1) != 0 || sessions % 2 == 1) {
                    assertNotEquals(s.service(i), s.service(i + 1), "sessions " + sessions + ", request " + i);
                }
            }
        }
    }

    @Test
    void eachSessionAlternatesEchoAndWorkToo() {
        for (int sessions : new int[] {1, 4, 5, 20}) {
            ChaosSchedule s = new ChaosSchedule(200, 30, sessions);
            for (long i = 0; i + sessions < s.count(); i++) {
                assertNotEquals(s.service(i), s.service(i + sessions), "sessions " + sessions + ", request " + i);
            }
        }
    }

    @Test
    void echoCarriesItsRidAndWorkItsDelayToo() {
        ChaosSchedule s = new ChaosSchedule(200, 30, 20);

        assertEquals("{\"rid\":0}", s.params(0).toString());
        assertEquals("{\"delayMs\":100,\"rid\":1}", s.params(1).toString());
    }
}
