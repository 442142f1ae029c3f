package io.meshgate.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.wire.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one {@code bin/meshgate chaos} run found; {@link #toJson()} is the command's output (fields
 * explained in docs/OPERATIONS.md, "Fault checker").
 *
 * @param scenario                     the fault's name
 * @param rate                         requests per second asked for
 * @param durationS                    seconds of sending
 * @param sessions                     sessions the requests were spread over
 * @param sent                         requests sent: {@code ok + errors + wrongAnswers + lost}
 * @param ok                           good answers in time
 * @param errors                       error answers in time, by code
 * @param lost                         requests without an outcome by their deadline plus grace
 * @param duplicateAnswers             second answers to a request, and answers matching no call
 * @param duplicateExecutions          requests whose handler ran more than once (from the nodes' journals)
 * @param duplicateExecutionsByService the same per service
 * @param wrongAnswers                 good answers carrying another request's {@code rid}
 * @param recoveryMs                   from the fault until every session had a good answer to a call sent
 *                                     after it; -1 when one never did within the run
 * @param resumes                      times a session was resumed on another connection (by the client)
 * @param sessionsMoved                sessions on another node at the end than just before the fault
 * @param faultAtMs                    when the fault was injected, after the first send
 * @param faultEndMs                   when the injection was over (restarts done), after the first send; -1 if it failed
 * @param achievedRate                 requests sent per second, from the first send to the last
 * @param byService                    counts per service
 * @param latencyMs                    per service, its good answers' latency by the phase their request was
 *                                     sent in
 * @param faultError                   why injecting or undoing the fault failed, or null
 */
public record ChaosResult(String scenario, int rate, int durationS, int sessions, long sent, long ok,
                          Map<String, Long> errors, long lost, long duplicateAnswers, long duplicateExecutions,
                          Map<String, Long> duplicateExecutionsByService, long wrongAnswers, long recoveryMs,
                          int resumes, int sessionsMoved, long faultAtMs, long faultEndMs, double achievedRate,
                          Map<String, ServiceCounts> byService,
                          Map<String, Map<ChaosLedger.Phase, PhaseLatency>> latencyMs,
                          String faultError) {

    public ChaosResult {
        errors = Map.copyOf(errors);
        duplicateExecutionsByService = Map.copyOf(duplicateExecutionsByService);
        byService = Map.copyOf(byService);
        latencyMs = Map.copyOf(latencyMs);
        if (sent != ok + errors.values().stream().mapToLong(Long::longValue).sum() + wrongAnswers + lost) {
            throw new IllegalArgumentException("outcomes do not add up to the requests sent");
        }
        if (duplicateAnswers < 0 || duplicateExecutions < 0 || resumes < 0 || sessionsMoved < 0 || recoveryMs < -1) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /**
     * One service's requests.
     *
     * @param errors error answers by code
     */
    public record ServiceCounts(long sent, long ok, Map<String, Long> errors, long wrongAnswers, long lost) {
        public ServiceCounts {
            errors = Map.copyOf(errors);
        }

        static ServiceCounts of(ChaosLedger.ServiceCounts c) {
            return new ServiceCounts(c.sent(), c.ok(), c.errors(), c.wrongAnswers(), c.lost() + c.inFlight());
        }
    }

    /**
     * A run's result from its ledger (requests still in flight count as lost: the run waited for
     * their deadline) and the nodes' journals.
     */
    static ChaosResult of(ChaosRun.Settings s, ChaosLedger.Summary ledger, ExecutionLogs.Duplicates executions,
                          ChaosRun.Facts facts) {
        Map<String, ServiceCounts> byService = new TreeMap<>();
        ledger.byService().forEach((service, c) -> byService.put(service, ServiceCounts.of(c)));
        ChaosLedger.ServiceCounts all = ledger.all();
        return new ChaosResult(s.scenario().id(), s.rate(), s.durationS(), s.sessions(), all.sent(), all.ok(),
                all.errors(), all.lost() + all.inFlight(), ledger.duplicateAnswers(), executions.total(),
                executions.byService(), all.wrongAnswers(), ledger.recoveryMs(), facts.resumes(),
                facts.sessionsMoved(), facts.faultAtMs(), facts.faultEndMs(), facts.achievedRate(), byService,
                ledger.latency(), facts.faultError());
    }

    /** Whether the run passes: nothing lost, nothing answered twice, and the fault went as planned. */
    public boolean passed() {
        return lost == 0 && duplicateAnswers == 0 && faultError == null;
    }

    /** The command's JSON output. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("scenario", scenario).put("rate", rate).put("durationS", durationS).put("sessions", sessions)
                .put("sent", sent).put("ok", ok);
        putCounts(o.putObject("errors"), errors);
        o.put("lost", lost).put("duplicateAnswers", duplicateAnswers).put("duplicateExecutions", duplicateExecutions);
        putCounts(o.putObject("duplicateExecutionsByService"), duplicateExecutionsByService);
        o.put("wrongAnswers", wrongAnswers).put("recoveryMs", recoveryMs).put("resumes", resumes)
                .put("sessionsMoved", sessionsMoved).put("faultAtMs", faultAtMs).put("faultEndMs", faultEndMs)
                .put("achievedRate", achievedRate);
        ObjectNode services = o.putObject("byService");
        new TreeMap<>(byService).forEach((name, c) -> {
            ObjectNode n = services.putObject(name).put("sent", c.sent()).put("ok", c.ok());
            putCounts(n.putObject("errors"), c.errors());
            n.put("wrongAnswers", c.wrongAnswers()).put("lost", c.lost());
        });
        ObjectNode latency = o.putObject("latencyMs");
        new TreeMap<>(latencyMs).forEach((service, phases) -> {
            ObjectNode n = latency.putObject(service);
            for (ChaosLedger.Phase phase : ChaosLedger.Phase.values()) {
                PhaseLatency l = phases.get(phase);
                n.putObject(phase.jsonName()).put("count", l.count()).put("p50", l.p50Ms()).put("p99", l.p99Ms())
                        .put("max", l.maxMs());
            }
        });
        if (faultError != null) {
            o.put("faultError", faultError);
        }
        return o;
    }

    private static void putCounts(ObjectNode o, Map<String, Long> counts) {
        new TreeMap<>(counts).forEach(o::put);
    }
}
