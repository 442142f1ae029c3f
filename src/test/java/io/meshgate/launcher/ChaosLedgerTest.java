package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosLedgerTest {

    /** Two sessions, 5 s timeout, 3 s grace: a request sent at t is lost after t + 8000. */
    private final ChaosLedger ledger = new ChaosLedger(2, 5_000, 3_000);

    @Test
    void aGoodAnswerWithinTheDeadlineIsOk() {
        ledger.sent(1, 0, "work", 0);
        ledger.ok(1, null, 150);

        ChaosLedger.Summary s = ledger.summary(10_000);

        assertEquals(1, s.all().sent());
        assertEquals(1, s.all().ok());
        assertEquals(0, s.all().lost());
    }

    @Test
    void errorAnswersAreCountedByCode() {
        ledger.sent(1, 0, "echo", 0);
        ledger.sent(2, 1, "work", 0);
        ledger.sent(3, 0, "work", 0);
        ledger.error(1, "TIMEOUT", 5_000);
        ledger.error(2, "DISCONNECTED", 10);
        ledger.error(3, "TIMEOUT", 5_000);

        assertEquals(Map.of("TIMEOUT", 2L, "DISCONNECTED", 1L), ledger.summary(10_000).all().errors());
    }

    @Test
    void aRequestWithNoOutcomeByDeadlinePlusGraceIsLost() {
        ledger.sent(1, 0, "echo", 1_000);

        assertEquals(0, ledger.summary(9_000).all().lost());
        assertEquals(1, ledger.summary(9_000).all().inFlight());
        assertEquals(1, ledger.summary(9_001).all().lost());
        assertEquals(0, ledger.summary(9_001).all().inFlight());
    }

    @Test
    void anAnswerAfterDeadlinePlusGraceIsLostNotOk() {
        ledger.sent(1, 0, "work", 0);
        ledger.ok(1, null, 8_001);

        ChaosLedger.Summary s = ledger.summary(9_000);

        assertEquals(0, s.all().ok());
        assertEquals(1, s.all().lost());
    }

    @Test
    void aSecondAnswerIsADuplicateAndKeepsTheFirstOutcome() {
        ledger.sent(1, 0, "work", 0);
        ledger.ok(1, null, 100);
        ledger.error(1, "TIMEOUT", 5_000);

        ChaosLedger.Summary s = ledger.summary(10_000);

        assertEquals(1, s.duplicateAnswers());
        assertEquals(1, s.all().ok());
        assertEquals(Map.of(), s.all().errors());
    }

    @Test
    void theClientsUnmatchedAnswersAreDuplicatesToo() {
        ledger.unmatchedAnswers(3);

        assertEquals(3, ledger.summary(0).duplicateAnswers());
    }

    @Test
    void anEchoWhoseResultCarriesAnotherRidIsAWrongAnswer() {
        ledger.sent(7, 0, "echo", 0);
        ledger.ok(7, 8L, 10);

        ChaosLedger.Summary s = ledger.summary(10_000);

        assertEquals(1, s.all().wrongAnswers());
        assertEquals(0, s.all().ok());
    }

    @Test
    void anEchoWhoseResultCarriesNoRidIsAWrongAnswer() {
        ledger.sent(7, 0, "echo", 0);
        ledger.ok(7, null, 10);

        assertEquals(1, ledger.summary(10_000).all().wrongAnswers());
    }

    @Test
    void onlyEchoResultsAreCheckedForTheirRid() {
        ledger.sent(7, 0, "work", 0);
        ledger.ok(7, null, 10);

        assertEquals(1, ledger.summary(10_000).all().ok());
    }

    @Test
    void everyRequestIsAccountedExactlyOnce() {
        for (int rid = 0; rid < 6; rid++) {
            ledger.sent(rid, rid % 2, rid % 2 == 0 ? "echo" : "work", 0);
        }
        ledger.ok(0, 0L, 10);
        ledger.ok(1, null, 10);
        ledger.error(2, "INTERNAL", 10);
        ledger.ok(3, null, 9_000);
        ledger.ok(4, 99L, 10);

        ChaosLedger.ServiceCounts all = ledger.summary(10_000).all();

        assertEquals(6, all.sent());
        assertEquals(all.sent(), all.ok() + all.errorCount() + all.wrongAnswers() + all.lost() + all.inFlight());
        assertEquals(2, all.lost());
    }

    @Test
    void countsAreKeptPerServiceToo() {
        ledger.sent(1, 0, "echo", 0);
        ledger.sent(2, 1, "work", 0);
        ledger.ok(1, 1L, 10);
        ledger.error(2, "HANDLER_ERROR", 10);

        Map<String, ChaosLedger.ServiceCounts> by = ledger.summary(10_000).byService();

        assertEquals(1, by.get("echo").ok());
        assertEquals(Map.of("HANDLER_ERROR", 1L), by.get("work").errors());
    }

    @Test
    void recoveryIsMeasuredPerSessionFromTheFaultAndIsTheSlowestSession() {
        ledger.faultInjected(1_000);
        ledger.sent(1, 0, "work", 1_100);
        ledger.sent(2, 1, "work", 1_100);
        ledger.ok(1, null, 1_300);
        ledger.error(2, "TIMEOUT", 6_100);
        ledger.sent(3, 1, "work", 4_000);
        ledger.ok(3, null, 4_500);

        assertEquals(3_500, ledger.summary(20_000).recoveryMs());
    }

    @Test
    void answersToRequestsSentBeforeTheFaultDoNotShowRecovery() {
        ledger.sent(1, 0, "work", 900);
        ledger.sent(2, 1, "work", 900);
        ledger.faultInjected(1_000);
        ledger.ok(1, null, 1_050);
        ledger.ok(2, null, 1_050);

        assertEquals(-1, ledger.summary(20_000).recoveryMs());
    }

    @Test
    void aSessionWithoutAGoodAnswerAfterTheFaultMeansNoRecovery() {
        ledger.faultInjected(1_000);
        ledger.sent(1, 0, "work", 1_100);
        ledger.sent(2, 1, "work", 1_100);
        ledger.ok(1, null, 1_300);
        ledger.error(2, "DISCONNECTED", 1_200);

        assertEquals(-1, ledger.summary(20_000).recoveryMs());
    }

    @Test
    void withoutAFaultThereIsNoRecoveryToMeasure() {
        ledger.sent(1, 0, "work", 0);
        ledger.sent(2, 1, "work", 0);
        ledger.ok(1, null, 10);
        ledger.ok(2, null, 10);

        assertEquals(-1, ledger.summary(20_000).recoveryMs());
    }

    @Test
    void theLedgerIsSettledOnceEveryRequestHasAnOutcomeOrIsPastItsDeadline() {
        ledger.sent(1, 0, "work", 0);
        ledger.sent(2, 1, "work", 0);
        ledger.ok(1, null, 10);

        assertFalse(ledger.settled(8_000));
        assertTrue(ledger.settled(8_001));
        ledger.ok(2, null, 20);
        assertTrue(ledger.settled(20));
    }

    @Test
    void aRequestIdIsSentOnlyOnce() {
        ledger.sent(1, 0, "work", 0);

        assertThrows(IllegalArgumentException.class, () -> ledger.sent(1, 1, "work", 5));
    }

    @Test
    void anAnswerToARequestNeverSentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ledger.ok(42, null, 5));
    }

    @Test
    void latencyIsKeptPerPhaseOfTheRunByWhenTheRequestWasSent() {
        ledger.sent(1, 0, "work", 100);
        ledger.ok(1, null, 110);
        ledger.faultInjected(1_000);
        ledger.sent(2, 0, "work", 1_500);
        ledger.ok(2, null, 2_400);
        ledger.faultEnded(3_000);
        ledger.sent(3, 1, "work", 3_000);
        ledger.ok(3, null, 3_020);

        Map<ChaosLedger.Phase, PhaseLatency> latency = ledger.summary(20_000).latency().get("work");

        assertEquals(new PhaseLatency(1, 10, 10, 10), latency.get(ChaosLedger.Phase.BEFORE_FAULT));
        assertEquals(new PhaseLatency(1, 900, 900, 900), latency.get(ChaosLedger.Phase.DURING_FAULT));
        assertEquals(new PhaseLatency(1, 20, 20, 20), latency.get(ChaosLedger.Phase.AFTER_FAULT));
    }

    @Test
    void onlyGoodAnswersCountTowardsLatency() {
        ledger.sent(1, 0, "work", 0);
        ledger.error(1, "TIMEOUT", 5_000);
        ledger.sent(2, 0, "echo", 0);
        ledger.ok(2, 99L, 40);

        Map<String, Map<ChaosLedger.Phase, PhaseLatency>> latency = ledger.summary(20_000).latency();

        assertEquals(new PhaseLatency(0, 0, 0, 0), latency.get("work").get(ChaosLedger.Phase.BEFORE_FAULT));
        assertEquals(new PhaseLatency(0, 0, 0, 0), latency.get("echo").get(ChaosLedger.Phase.BEFORE_FAULT));
    }

    @Test
    void latencyIsKeptPerService() {
        ledger.sent(1, 0, "work", 0);
        ledger.ok(1, null, 100);
        ledger.sent(2, 1, "echo", 0);
        ledger.ok(2, 2L, 3);

        Map<String, Map<ChaosLedger.Phase, PhaseLatency>> latency = ledger.summary(20_000).latency();

        assertEquals(100, latency.get("work").get(ChaosLedger.Phase.BEFORE_FAULT).p50Ms());
        assertEquals(3, latency.get("echo").get(ChaosLedger.Phase.BEFORE_FAULT).p50Ms());
    }

    @Test
    void requestsSentAfterAFaultThatNeverEndedAreDuringIt() {
        ledger.faultInjected(1_000);
        ledger.sent(1, 0, "work", 9_000);
        ledger.ok(1, null, 9_005);

        assertEquals(1, ledger.summary(20_000).latency().get("work").get(ChaosLedger.Phase.DURING_FAULT).count());
    }

    @Test
    void aFaultCannotEndBeforeItWasInjected() {
        assertThrows(IllegalArgumentException.class, () -> ledger.faultEnded(5));
    }
}
