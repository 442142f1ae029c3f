package io.meshgate.launcher;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bin/meshgate chaos SCENARIO}: the fault checker ({@link ChaosRun}) on the running cluster. */
@Command(name = "chaos", sortOptions = false, description = {
        "Fault checker: after --warmup seconds of uncounted traffic, sends at R/s for S s over N sessions, injects the "
                + "fault at --fault-at and accounts for every request.",
        "Exit status 1 when a request is lost or answered twice, 2 when the cluster cannot take the fault (e.g. one "
                + "without nginx for a fault that moves sessions), 3 when no cluster is running."})
final class ChaosCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "one of: kill-processing, kill-ingress, kill-broker, "
            + "term-node, rolling-restart, nginx-reload")
    private String scenarioName;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "200",
            description = "requests a second (default: ${DEFAULT-VALUE})")
    private int rate;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "30",
            description = "seconds counted (default: ${DEFAULT-VALUE})")
    private int duration;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "20",
            description = "client sessions (default: ${DEFAULT-VALUE})")
    private int sessions;

    @Option(names = "--fault-at", paramLabel = "S", description = "second of the run the fault comes at "
            + "(default: a third of --duration)")
    private Integer faultAt;

    @Option(names = "--down", paramLabel = "S", defaultValue = "5",
            description = "kill-broker: seconds the broker stays dead (default: ${DEFAULT-VALUE})")
    private int down;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "" + ChaosRun.DEFAULT_WARMUP_S,
            description = "seconds of uncounted traffic first (default: ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--ha", description = "assert that the cluster has an HA broker pair (bin/meshgate up --ha)")
    private boolean ha;

    @Option(names = "--json", description = "the result as one line of JSON instead of indented JSON")
    private boolean asJson;

    @Spec
    private CommandSpec spec;

    private final CliContext context;

    ChaosCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Scenario> scenario = Scenario.named(scenarioName);
        if (scenario.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "unknown scenario '" + scenarioName + "'; one of: " + Scenario.names());
        }
        Cli.require(spec, rate >= 1, "--rate", rate, "the rate must be positive");
        Cli.require(spec, duration >= 1, "--duration", duration, "the duration must be positive");
        Cli.require(spec, sessions >= 1, "--sessions", sessions, "at least one session");
        Cli.require(spec, down >= 0, "--down", down, "the broker's down time must not be negative");
        Cli.require(spec, warmup >= 0, "--warmup", warmup, "the warm-up must not be negative");
        if (ha && (context.runningState() == null || context.runningState().backup() == null)) {
            context.err().println("--ha needs an HA broker pair: start the cluster with bin/meshgate up --ha");
            return Cli.USAGE_ERROR;
        }
        int fault = faultAt != null ? faultAt : duration / 3;
        Cli.require(spec, fault >= 0 && fault < duration, "--fault-at", fault,
                "the fault must come within the run: 0 <= fault-at < duration");
        ChaosRun.Settings settings =
                new ChaosRun.Settings(scenario.get(), rate, duration, sessions, fault, down, warmup);
        ClusterState s = context.runningState();
        if (s == null) {
            context.err().println(CliContext.NO_CLUSTER);
            return Cli.NO_CLUSTER;
        }
        ChaosRun run = new ChaosRun(s, context.runDir(), context.err());
        try {
            run.check(settings);
        } catch (IllegalArgumentException e) {
            context.err().println(e.getMessage());
            return Cli.USAGE_ERROR;
        }
        ChaosResult result = run.run(settings);
        context.print(result.toJson(), asJson);
        return result.passed() ? 0 : 1;
    }
}
