package io.meshgate.launcher;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * The fault checker's account of every request, like a total-queue checker: each request sent
 * ends in exactly one of ok, error (by code), wrong answer (an {@code echo} result that does not
 * carry the request's {@code rid}) or lost (no outcome by its deadline plus a grace period; an
 * answer after that does not count). A second answer to a request is a duplicate and changes
 * nothing else. Recovery is measured per session: from the fault until that session's first good
 * answer to a request it sent after the fault. Latency is kept per phase: good answers to the
 * requests sent before the fault, while it was being injected, and after its injection ended.
 *
 * <p>Pure: no sockets and no clock of its own; the caller feeds events with times in milliseconds
 * since the run began. Thread-safe (answers arrive on the clients' threads).
 */
final class ChaosLedger {

    /** The service whose answers must carry the request's {@code rid}. */
    static final String ECHO = "echo";

    private enum Outcome { NONE, OK, ERROR, WRONG, LATE }

    /**
     * When a request was sent, for its latency: before the fault, from its injection until the
     * injection ended (or the run ended, when it never did), after that.
     */
    enum Phase {
        BEFORE_FAULT("beforeFault"), DURING_FAULT("duringFault"), AFTER_FAULT("afterFault");

        private final String jsonName;

        Phase(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The field's name in the checker's JSON. */
        String jsonName() {
            return jsonName;
        }
    }

    private static final class Entry {
        final int session;
        final String service;
        final long sentAtMs;
        Outcome outcome = Outcome.NONE;
        String code;
        long answeredAtMs;

        Entry(int session, String service, long sentAtMs) {
            this.session = session;
            this.service = service;
            this.sentAtMs = sentAtMs;
        }
    }

    private final int sessions;
    private final long timeoutMs;
    private final long graceMs;
    private final Map<Long, Entry> requests = new HashMap<>();
    private long secondAnswers;
    private long unmatchedAnswers;
    private long faultAtMs = -1;
    private long faultEndMs = -1;

    /**
     * A ledger for requests over {@code sessions} sessions, each with a deadline {@code timeoutMs}
     * after it was sent and {@code graceMs} more before it counts as lost.
     */
    ChaosLedger(int sessions, long timeoutMs, long graceMs) {
        if (sessions < 1 || timeoutMs < 1 || graceMs < 0) {
            throw new IllegalArgumentException("sessions and timeout must be positive, grace not negative");
        }
        this.sessions = sessions;
        this.timeoutMs = timeoutMs;
        this.graceMs = graceMs;
    }

    /** Request {@code rid} was sent on {@code session} to {@code service} at {@code atMs}. */
    synchronized void sent(long rid, int session, String service, long atMs) {
        if (session < 0 || session >= sessions) {
            throw new IllegalArgumentException("no session " + session);
        }
        if (requests.putIfAbsent(rid, new Entry(session, service, atMs)) != null) {
            throw new IllegalArgumentException("request " + rid + " was already sent");
        }
    }

    /** The fault was injected at {@code atMs}. */
    synchronized void faultInjected(long atMs) {
        faultAtMs = atMs;
    }

    /** The fault's injection was over at {@code atMs} (restarts done, the broker back). */
    synchronized void faultEnded(long atMs) {
        if (faultAtMs < 0 || atMs < faultAtMs) {
            throw new IllegalArgumentException("a fault ends after it was injected");
        }
        faultEndMs = atMs;
    }

    /** A good answer to {@code rid}; {@code echoedRid} is the rid its result carries, or null. */
    synchronized void ok(long rid, Long echoedRid, long atMs) {
        Entry e = first(rid);
        if (e == null) {
            return;
        }
        boolean right = !ECHO.equals(e.service) || Long.valueOf(rid).equals(echoedRid);
        settle(e, right ? Outcome.OK : Outcome.WRONG, null, atMs);
    }

    /** An error answer to {@code rid}, the gateway's or the client's own ({@code TIMEOUT}, {@code DISCONNECTED}). */
    synchronized void error(long rid, String code, long atMs) {
        java.util.Objects.requireNonNull(code, "code");
        Entry e = first(rid);
        if (e != null) {
            settle(e, Outcome.ERROR, code, atMs);
        }
    }

    /** Answers the clients received that matched no call in flight: duplicates too. */
    synchronized void unmatchedAnswers(long n) {
        unmatchedAnswers += n;
    }

    /**
     * Whether every request has had its outcome, or is past its deadline plus grace at
     * {@code nowMs}: nothing more can change the account.
     */
    synchronized boolean settled(long nowMs) {
        return requests.values().stream().allMatch(e -> e.outcome != Outcome.NONE || nowMs > lostAfter(e));
    }

    /** The account at {@code nowMs}: requests without an outcome past their deadline plus grace are lost. */
    synchronized Summary summary(long nowMs) {
        Summary.Builder all = new Summary.Builder();
        Map<String, Summary.Builder> byService = new TreeMap<>();
        long[] recovered = new long[sessions];
        Arrays.fill(recovered, Long.MAX_VALUE);
        Map<String, Map<Phase, LongStream.Builder>> latencies = new TreeMap<>();
        for (Entry e : requests.values()) {
            Outcome o = e.outcome == Outcome.NONE && nowMs > lostAfter(e) ? Outcome.LATE : e.outcome;
            all.add(o, e.code);
            byService.computeIfAbsent(e.service, s -> new Summary.Builder()).add(o, e.code);
            if (o == Outcome.OK && faultAtMs >= 0 && e.sentAtMs >= faultAtMs) {
                recovered[e.session] = Math.min(recovered[e.session], e.answeredAtMs);
            }
            if (o == Outcome.OK) {
                latencies.computeIfAbsent(e.service, s -> new EnumMap<>(Phase.class))
                        .computeIfAbsent(phase(e.sentAtMs), p -> LongStream.builder()).add(e.answeredAtMs - e.sentAtMs);
            }
        }
        Map<String, ServiceCounts> services = new TreeMap<>();
        byService.forEach((service, b) -> services.put(service, b.counts()));
        Map<String, Map<Phase, PhaseLatency>> latency = new TreeMap<>();
        byService.keySet().forEach(service -> {
            Map<Phase, LongStream.Builder> phases = latencies.getOrDefault(service, Map.of());
            Map<Phase, PhaseLatency> figures = new EnumMap<>(Phase.class);
            for (Phase p : Phase.values()) {
                LongStream.Builder b = phases.get(p);
                figures.put(p, PhaseLatency.of(b == null ? new long[0] : b.build().toArray()));
            }
            latency.put(service, figures);
        });
        return new Summary(all.counts(), secondAnswers + unmatchedAnswers, recoveryMs(recovered), services, latency);
    }

    /** The phase a request sent at {@code sentAtMs} belongs to; without a fault, every request is before it. */
    private Phase phase(long sentAtMs) {
        if (faultAtMs < 0 || sentAtMs < faultAtMs) {
            return Phase.BEFORE_FAULT;
        }
        return faultEndMs < 0 || sentAtMs < faultEndMs ? Phase.DURING_FAULT : Phase.AFTER_FAULT;
    }

    private long recoveryMs(long[] recovered) {
        if (faultAtMs < 0) {
            return -1;
        }
        long max = 0;
        for (long at : recovered) {
            if (at == Long.MAX_VALUE) {
                return -1;
            }
            max = Math.max(max, at - faultAtMs);
        }
        return max;
    }

    /** The entry of a request's first answer, or null (counted as a duplicate) for a later one. */
    private Entry first(long rid) {
        Entry e = requests.get(rid);
        if (e == null) {
            throw new IllegalArgumentException("an answer to request " + rid + ", which was never sent");
        }
        if (e.outcome != Outcome.NONE) {
            secondAnswers++;
            return null;
        }
        return e;
    }

    private void settle(Entry e, Outcome outcome, String code, long atMs) {
        e.outcome = atMs > lostAfter(e) ? Outcome.LATE : outcome;
        e.code = e.outcome == Outcome.ERROR ? code : null;
        e.answeredAtMs = atMs;
    }

    private long lostAfter(Entry e) {
        return e.sentAtMs + timeoutMs + graceMs;
    }

    /**
     * Requests by outcome; {@code sent == ok + errors + wrongAnswers + lost + inFlight}.
     *
     * @param errors   error answers by code
     * @param inFlight requests without an outcome that are not yet past their deadline plus grace
     */
    record ServiceCounts(long sent, long ok, Map<String, Long> errors, long wrongAnswers, long lost, long inFlight) {
        ServiceCounts {
            errors = Map.copyOf(new TreeMap<>(errors));
            if (sent != ok + errorCount(errors) + wrongAnswers + lost + inFlight) {
                throw new IllegalArgumentException("outcomes do not add up to the requests sent");
            }
        }

        long errorCount() {
            return errorCount(errors);
        }

        private static long errorCount(Map<String, Long> errors) {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The whole account.
     *
     * @param all              every request
     * @param duplicateAnswers second answers to a request, plus the clients' unmatched answers
     * @param recoveryMs       from the fault until every session had a good answer to a request sent after
     *                         it (the slowest session); -1 without a fault or when a session never did
     * @param byService        the same counts per service
     * @param latency          per service, its good answers' latency by the phase their request was sent
     *                         in (every phase)
     */
    record Summary(ServiceCounts all, long duplicateAnswers, long recoveryMs, Map<String, ServiceCounts> byService,
                   Map<String, Map<Phase, PhaseLatency>> latency) {
        Summary {
            if (duplicateAnswers < 0 || recoveryMs < -1) {
                throw new IllegalArgumentException("negative duplicates or recovery");
            }
            byService = Map.copyOf(byService);
            if (latency.values().stream().anyMatch(phases -> phases.size() != Phase.values().length)) {
                throw new IllegalArgumentException("a latency for every phase");
            }
            latency = Collections.unmodifiableMap(new TreeMap<>(latency));
        }

        /** Adds up outcomes. */
        private static final class Builder {
            private long sent;
            private long ok;
            private long wrong;
            private long lost;
            private long inFlight;
            private final Map<String, Long> errors = new TreeMap<>();

            private void add(Outcome o, String code) {
                sent++;
                switch (o) {
                    case OK -> ok++;
                    case ERROR -> errors.merge(code, 1L, Long::sum);
                    case WRONG -> wrong++;
                    case LATE -> lost++;
                    case NONE -> inFlight++;
                }
            }

            private ServiceCounts counts() {
                return new ServiceCounts(sent, ok, errors, wrong, lost, inFlight);
            }
        }
    }
}
