package io.meshgate.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/meshgate bench}: open-loop load through the access point and the raw broker floor ({@link BenchRun}),
 * or with {@code --connections N} the capacity of idle secure sessions ({@link CapacityRun}).
 */
@Command(name = "bench", sortOptions = false, description = {
        "Open-loop load through the access point, then the raw broker floor at the same rate; --max finds the highest "
                + "rate that holds and measures at half of it.",
        "With --connections N instead: capacity, N idle secure sessions through the access point (or straight to one "
                + "node with --direct); connect rate, heap and RSS per session.",
        "Exit status 1 when a request failed or a session did not open, 3 when no cluster is running."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rate", paramLabel = "R", description = "requests a second (default: 1000; with --max the "
            + "rate the search starts at, 250)")
    private Integer rate;

    @Option(names = "--duration", paramLabel = "S", description = "seconds measured (default: 20; with --max "
            + "seconds per step, 10)")
    private Integer duration;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "10",
            description = "seconds of uncounted load first (default: ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "50",
            description = "client sessions the load is spread over (default: ${DEFAULT-VALUE})")
    private int sessions;

    @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "1024",
            description = "JSON bytes per request, at least 16 (default: ${DEFAULT-VALUE})")
    private int payload;

    @Option(names = "--service", paramLabel = "ID", defaultValue = "echo",
            description = "the service called (default: ${DEFAULT-VALUE})")
    private String service;

    @Option(names = "--max", description = "find the highest rate that holds, then measure at half of it")
    private boolean max;

    @Option(names = "--no-floor", description = "skip the raw broker floor")
    private boolean noFloor;

    @Option(names = "--url", paramLabel = "WS_URL", description = "where the load goes (default: the access point)")
    private String url;

    @Option(names = "--connections", paramLabel = "N", description = "capacity: idle secure sessions to open")
    private Integer connections;

    @Option(names = "--idle", paramLabel = "S", defaultValue = "10",
            description = "capacity: seconds the sessions stay open (default: ${DEFAULT-VALUE})")
    private int idle;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "4",
            description = "capacity: threads opening sessions (default: ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--direct", description = "capacity: straight to one node, not through the access point")
    private boolean direct;

    @Option(names = "--node", paramLabel = "ID", defaultValue = "node-1",
            description = "capacity with --direct: the node (default: ${DEFAULT-VALUE})")
    private String node;

    @Option(names = "--json", description = "the result as one line of JSON instead of indented JSON")
    private boolean asJson;

    @Spec
    private CommandSpec spec;

    private final CliContext context;

    BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (connections != null) {
            return capacity();
        }
        int r = rate != null ? rate : max ? 250 : 1000;
        int d = duration != null ? duration : max ? 10 : 20;
        Cli.require(spec, r >= 1, "--rate", r, "the rate must be positive");
        Cli.require(spec, d >= 1, "--duration", d, "the duration must be positive");
        Cli.require(spec, warmup >= 0, "--warmup", warmup, "the warm-up must not be negative");
        Cli.require(spec, sessions >= 1, "--sessions", sessions, "at least one session");
        Cli.require(spec, payload >= 16, "--payload", payload, "the payload must be at least 16 bytes");
        ClusterState s = context.runningState();
        if (s == null) {
            context.err().println(CliContext.NO_CLUSTER);
            return Cli.NO_CLUSTER;
        }
        BenchRun.Settings settings = new BenchRun.Settings(r, d, warmup, sessions, payload, service, max, !noFloor);
        ObjectNode line = new BenchRun(s, URI.create(url != null ? url : s.accessPoint()),
                context.runDir().resolve("bench"), context.err()).run(settings);
        context.print(line, asJson);
        return line.get("errors").isEmpty() ? 0 : 1;
    }

    private int capacity() throws Exception {
        Cli.require(spec, connections >= 1, "--connections", connections, "at least one connection");
        Cli.require(spec, idle >= 0, "--idle", idle, "the idle time must not be negative");
        Cli.require(spec, threads >= 1, "--threads", threads, "at least one thread");
        ClusterState s = context.runningState();
        if (s == null) {
            context.err().println(CliContext.NO_CLUSTER);
            return Cli.NO_CLUSTER;
        }
        CapacityRun.Settings settings = new CapacityRun.Settings(connections, idle, threads);
        CapacityRun run;
        if (direct) {
            ClusterState.Node target;
            try {
                target = s.node(node);
            } catch (IllegalArgumentException e) {
                context.err().println(e.getMessage() + " in this cluster");
                return Cli.USAGE_ERROR;
            }
            String ws = (target.tlsUrl() != null ? target.tlsUrl() : target.url()).replaceFirst("^http", "ws") + "/ws";
            run = new CapacityRun(List.of(target), 0, URI.create(ws), s.clientOptions(), context.err());
        } else {
            run = new CapacityRun(s.nodes(), s.nginx() == null ? 0 : s.nginx().pid(),
                    URI.create(url != null ? url : s.accessPoint()), s.clientOptions(), context.err());
        }
        CapacityRun.raiseFileLimit(ProcessHandle.current().pid(), settings.connections() + 4096L);
        ObjectNode line = run.run(settings);
        context.print(line, asJson);
        return line.get("failed").isEmpty() ? 0 : 1;
    }
}
