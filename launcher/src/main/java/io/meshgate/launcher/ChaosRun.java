package io.meshgate.launcher;

import io.meshgate.client.ClientOptions;
import io.meshgate.client.MeshgateClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * One {@code bin/meshgate chaos} run: opens the sessions, sends the {@link ChaosSchedule} open-loop
 * with a unique idempotency key per request, injects the scenario's fault at its time on a thread
 * of its own, waits until every request has its outcome or is past its deadline plus grace, undoes
 * the fault, and accounts for everything ({@link ChaosLedger}, the nodes' {@link ExecutionLogs}).
 * {@code Cli} only wraps it; the cluster test calls it directly.
 *
 * <p>Threads: the caller's thread paces the requests and prints progress ({@link ChaosTraffic});
 * answers are recorded on the clients' threads; sessions reopen on a small timer pool; the fault
 * runs on its own thread ({@link FaultInjection}).
 */
public final class ChaosRun {

    /** Seconds of uncounted traffic before a run, unless told otherwise. */
    public static final int DEFAULT_WARMUP_S = 6;
    /** Each request's timeout. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** How long after its deadline a request without an outcome is lost: the client's own grace (2 s) and 1 s. */
    static final Duration GRACE = Duration.ofSeconds(3);

    /**
     * A run's settings.
     *
     * @param scenario  the fault
     * @param rate      requests per second
     * @param durationS seconds of sending
     * @param sessions  sessions the requests are spread over
     * @param faultAtS  seconds after the first send when the fault is injected
     * @param downS     seconds the broker stays dead in {@code kill-broker}
     * @param warmupS   seconds of traffic before the run, not counted (half of them at a quarter of the
     *                  rate, half at half of it): the checker's own JVM and a node restarted by an
     *                  earlier run are then warm when the counted requests begin
     */
    public record Settings(Scenario scenario, int rate, int durationS, int sessions, int faultAtS, int downS,
                           int warmupS) {
        public Settings {
            Objects.requireNonNull(scenario, "scenario");
            if (rate < 1 || durationS < 1 || sessions < 1) {
                throw new IllegalArgumentException("rate, duration and sessions must be positive");
            }
            if (faultAtS < 0 || faultAtS >= durationS) {
                throw new IllegalArgumentException("the fault must come within the run: 0 <= fault-at < duration");
            }
            if (downS < 0 || warmupS < 0) {
                throw new IllegalArgumentException("down and warm-up must not be negative");
            }
        }

        /** Settings without a warm-up: the first counted request meets the cluster as it is. */
        public Settings(Scenario scenario, int rate, int durationS, int sessions, int faultAtS, int downS) {
            this(scenario, rate, durationS, sessions, faultAtS, downS, 0);
        }

        /**
         * 200 requests/s for 30 s over 20 sessions, the fault at a third of the run, the broker down
         * 5 s, after a warm-up of {@value #DEFAULT_WARMUP_S} s.
         */
        public static Settings defaults(Scenario scenario) {
            return new Settings(scenario, 200, 30, 20, 10, 5, DEFAULT_WARMUP_S);
        }
    }

    /**
     * What the run itself observed, beside the ledger.
     *
     * @param faultEndMs -1 when the injection failed
     * @param faultError why injecting or undoing the fault failed, or null
     */
    record Facts(int resumes, int sessionsMoved, long faultAtMs, long faultEndMs, double achievedRate,
                 String faultError) {
        Facts {
            if (resumes < 0 || sessionsMoved < 0 || achievedRate < 0) {
                throw new IllegalArgumentException("negative count or rate");
            }
        }
    }

    private final ClusterState cluster;
    private final ClusterProcesses processes;
    private final PrintStream progress;

    /** A run against {@code cluster}, whose state file is in {@code runDir}; progress lines go to {@code progress}. */
    public ChaosRun(ClusterState cluster, Path runDir, PrintStream progress) {
        this.cluster = cluster;
        this.processes = new ClusterProcesses(runDir);
        this.progress = progress;
    }

    /** Refuses settings whose fault this cluster cannot take (too few nodes, no nginx), before anything runs. */
    public void check(Settings s) {
        s.scenario().fault(processes, Duration.ofSeconds(s.downS())).check(cluster);
    }

    /** Runs the scenario and accounts for every request. */
    public ChaosResult run(Settings s) throws Exception {
        check(s);
        Fault fault = s.scenario().fault(processes, Duration.ofSeconds(s.downS()));
        ChaosSchedule schedule = new ChaosSchedule(s.rate(), s.durationS(), s.sessions());
        ChaosLedger ledger = new ChaosLedger(s.sessions(), CALL_TIMEOUT.toMillis(), GRACE.toMillis());
        String keys = "chaos-" + HexFormat.of().toHexDigits(new SecureRandom().nextLong()) + "-";
        List<MeshgateClient> sessions = new ArrayList<>();
        FaultInjection injection = null;
        List<String> problems = new ArrayList<>();
        double achieved;
        boolean sentAll = false;
        try {
            ClientOptions options = cluster.clientOptions();
            for (int i = 0; i < s.sessions(); i++) {
                sessions.add(MeshgateClient.connect(fault.sessionUri(cluster, i), options));
            }
            warmUp(s, sessions);
            long start = System.nanoTime() + 10_000_000;
            injection = new FaultInjection(fault, sessions, ledger, start, start + s.faultAtS() * 1_000_000_000L);
            injection.start();
            ChaosTraffic traffic = new ChaosTraffic(s.scenario().id(), schedule, ledger, sessions, keys, start, progress);
            achieved = traffic.send();
            traffic.drain();
            sentAll = true;
        } finally {
            sessions.forEach(MeshgateClient::close);
            if (injection != null) {
                if (!sentAll) {
                    injection.cancel();
                }
                injection.join();
                if (injection.error() != null) {
                    problems.add("inject: " + injection.error());
                }
            }
            try {
                fault.restore();
            } catch (Exception e) {
                problems.add("restore: " + e);
            }
        }
        ledger.unmatchedAnswers(sessions.stream().mapToLong(MeshgateClient::unmatchedAnswers).sum());
        Set<String> sent = LongStream.range(0, schedule.count()).mapToObj(i -> keys + i).collect(Collectors.toSet());
        Facts facts = new Facts((int) sessions.stream().mapToLong(MeshgateClient::resumes).sum(),
                moved(injection.nodesBefore(), sessions), injection.atMs(), injection.endMs(), achieved,
                problems.isEmpty() ? null : String.join("; ", problems));
        return ChaosResult.of(s, ledger.summary(Long.MAX_VALUE), ExecutionLogs.read(processes.runDir(), sent), facts);
    }

    /**
     * Uncounted traffic on the run's sessions, ramped (a quarter of the rate, then half of it), each
     * phase waited out until its requests have ended; their idempotency keys are not the run's.
     */
    private void warmUp(Settings s, List<MeshgateClient> sessions) throws InterruptedException {
        int first = s.warmupS() / 2;
        int[][] phases = {{Math.max(1, s.rate() / 4), first}, {Math.max(1, s.rate() / 2), s.warmupS() - first}};
        for (int[] phase : phases) {
            if (phase[1] == 0) {
                continue;
            }
            ChaosSchedule schedule = new ChaosSchedule(phase[0], phase[1], s.sessions());
            ChaosTraffic traffic = new ChaosTraffic(s.scenario().id() + " warm-up", schedule,
                    new ChaosLedger(s.sessions(), CALL_TIMEOUT.toMillis(), GRACE.toMillis()), sessions,
                    "chaos-warmup-" + HexFormat.of().toHexDigits(new SecureRandom().nextLong()) + "-",
                    System.nanoTime() + 10_000_000, progress);
            traffic.send();
            traffic.drain();
        }
    }

    private static int moved(List<String> before, List<MeshgateClient> sessions) {
        if (before == null) {
            return 0;
        }
        int moved = 0;
        for (int i = 0; i < sessions.size(); i++) {
            if (!Objects.equals(before.get(i), sessions.get(i).node())) {
                moved++;
            }
        }
        return moved;
    }
}
