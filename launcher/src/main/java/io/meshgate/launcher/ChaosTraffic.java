package io.meshgate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.Response;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fault run's requests: each sent at its time in the {@link ChaosSchedule} (open loop, from the
 * caller's thread) with its idempotency key {@code <keys><rid>}, its outcome given to the
 * {@link ChaosLedger} on the client's thread; then the wait until nothing more can change the
 * account. Progress on a stream once a second.
 */
final class ChaosTraffic {

    private final String name;
    private final ChaosSchedule schedule;
    private final ChaosLedger ledger;
    private final List<io.meshgate.client.MeshgateClient> sessions;
    private final String keys;
    private final long start;
    private final PrintStream progress;
    private long nextReport;
    private final AtomicInteger errorsShown = new AtomicInteger();
    private final AtomicInteger lateShown = new AtomicInteger();

    /** How many error answers are described one by one on the progress stream. */
    static final int ERRORS_SHOWN = 20;

    /** Traffic named {@code name} in progress lines, beginning at {@code start} (System.nanoTime). */
    ChaosTraffic(String name, ChaosSchedule schedule, ChaosLedger ledger, List<io.meshgate.client.MeshgateClient> sessions,
                 String keys, long start, PrintStream progress) {
        this.name = name;
        this.schedule = schedule;
        this.ledger = ledger;
        this.sessions = sessions;
        this.keys = keys;
        this.start = start;
        this.progress = progress;
        this.nextReport = start + 1_000_000_000L;
    }

    /** Milliseconds from {@code start} to {@code nanos} (both System.nanoTime). */
    static long ms(long nanos, long start) {
        return (nanos - start) / 1_000_000;
    }

    /** Sends every request at its time; returns the requests sent per second, first send to last. */
    double send() {
        for (long i = 0; i < schedule.count(); i++) {
            long due = start + schedule.dueNanos(i);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            send(i);
            report();
        }
        double seconds = (System.nanoTime() - start) / 1e9 + 1.0 / schedule.rate();
        return Math.round(10 * schedule.count() / seconds) / 10.0;
    }

    /** Waits until every request has its outcome or is past its deadline plus grace. */
    void drain() throws InterruptedException {
        while (!ledger.settled(ms(System.nanoTime(), start))) {
            Thread.sleep(50);
            report();
        }
        progress.printf("chaos %s: all %d requests accounted for%n", name, schedule.count());
    }

    private void send(long rid) {
        String service = schedule.service(rid);
        ledger.sent(rid, schedule.session(rid), service, ms(System.nanoTime(), start));
        try {
            sessions.get(schedule.session(rid))
                    .call(service, service, schedule.params(rid), ChaosRun.CALL_TIMEOUT, keys + rid)
                    .whenComplete((r, e) -> answered(rid, r, e));
        } catch (RuntimeException e) {
            answered(rid, null, e);
        }
    }

    private void answered(long rid, Response r, Throwable e) {
        long at = ms(System.nanoTime(), start);
        String what = e != null ? "EXCEPTION " + e
                : r.ok() ? "ok"
                : r.errorCode() + " from " + (r.ingressNode() == null ? "the client" : r.ingressNode()) + ": "
                        + r.errorMessage();
        if (at > schedule.dueNanos(rid) / 1_000_000 + ChaosRun.CALL_TIMEOUT.toMillis() + ChaosRun.GRACE.toMillis()) {
            describe(lateShown, rid, "ended too late, at " + at + " ms, counted lost", what, "late outcomes");
        }
        if (e != null) {
            ledger.error(rid, "EXCEPTION", at);
        } else if (r.ok()) {
            JsonNode echoed = r.result() == null ? null : r.result().get("rid");
            ledger.ok(rid, echoed != null && echoed.canConvertToLong() ? echoed.longValue() : null, at);
            return;
        } else {
            ledger.error(rid, r.errorCode() == null ? "UNKNOWN" : r.errorCode(), at);
        }
        describe(errorsShown, rid, "ended at " + at + " ms", what, "errors");
    }

    /**
     * One line per request, for the first {@value #ERRORS_SHOWN} that {@code shown} counts: which
     * request, when, what; then once that further {@code kind} are counted, not shown.
     */
    private void describe(AtomicInteger shown, long rid, String when, String what, String kind) {
        int n = shown.incrementAndGet();
        if (n <= ERRORS_SHOWN) {
            progress.printf("chaos %s: request %d (%s, session %d, due at %d ms) %s: %s%n", name, rid,
                    schedule.service(rid), schedule.session(rid), schedule.dueNanos(rid) / 1_000_000, when, what);
        } else if (n == ERRORS_SHOWN + 1) {
            progress.printf("chaos %s: further %s are counted, not shown%n", name, kind);
        }
    }

    private void report() {
        long now = System.nanoTime();
        if (now < nextReport) {
            return;
        }
        nextReport += 1_000_000_000L;
        ChaosLedger.ServiceCounts c = ledger.summary(ms(now, start)).all();
        progress.printf("chaos %s %d s: %d sent, %d ok, %d errors, %d in flight%n", name, ms(now, start) / 1000,
                c.sent(), c.ok(), c.errorCount() + c.wrongAnswers() + c.lost(), c.inFlight());
    }
}
