package io.meshgate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.wire.MeshgateException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bin/meshgate call}: one request (or {@code --repeat N} sequential ones on one session) to a service, the
 * answer as one line of JSON on stdout.
 */
@Command(name = "call", sortOptions = false, description = {
        "Call a service through the access point (or --url) and print the answer as one line of JSON. With "
                + "--repeat N, N sequential calls on one session, stopping at the first failure, and their round-trip "
                + "percentiles in microseconds (rttUs). Exit status 1 when the call fails."})
final class CallCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "the service's id, e.g. echo")
    private String service;

    @Parameters(index = "1", paramLabel = "TYPE", description = "the request's type")
    private String type;

    @Parameters(index = "2", paramLabel = "JSON", description = "the request's parameters, e.g. '{\"i\":1}'")
    private String params;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "10000",
            description = "milliseconds to wait for each answer (default: ${DEFAULT-VALUE})")
    private long timeoutMs;

    @Option(names = "--url", paramLabel = "WS_URL",
            description = "the WebSocket URL to call (default: the running cluster's access point)")
    private String url;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "sequential calls on one session (default: ${DEFAULT-VALUE})")
    private int repeat;

    @Spec
    private CommandSpec spec;

    private final CliContext context;

    CallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Cli.require(spec, timeoutMs >= 1, "--timeout", timeoutMs, "the timeout must be positive");
        Cli.require(spec, repeat >= 1, "--repeat", repeat, "at least one call");
        JsonNode body;
        try {
            body = context.json().readTree(params);
        } catch (IOException e) {
            context.err().println("JSON argument is not valid JSON: " + e.getMessage());
            return Cli.USAGE_ERROR;
        }
        ClusterState s = context.runningState();
        String target = url;
        if (target == null) {
            if (s == null) {
                context.err().println("no cluster is running and no --url given");
                return Cli.NO_CLUSTER;
            }
            target = s.accessPoint();
        }
        ClientOptions options = s == null ? ClientOptions.builder().build() : s.clientOptions();
        ObjectNode line = context.json().createObjectNode();
        try (MeshgateClient client = MeshgateClient.connect(URI.create(target), options)) {
            Histogram rttMicros = new Histogram(3);
            Response r = null;
            for (int i = 0; i < repeat && (r == null || r.ok()); i++) {
                long t0 = System.nanoTime();
                r = client.call(service, type, body, Duration.ofMillis(timeoutMs)).toCompletableFuture().join();
                rttMicros.recordValue((System.nanoTime() - t0) / 1000);
            }
            line.put("ok", r.ok());
            if (r.ok()) {
                line.set("result", r.result());
            } else {
                line.putObject("error").put("code", r.errorCode()).put("message", r.errorMessage());
            }
            line.put("ingressNode", r.ingressNode()).put("processedBy", r.processedBy());
            line.putObject("channel").put("tls", client.tlsSuite()).put("app", client.channelSuite());
            if (repeat > 1) {
                line.putObject("rttUs").put("calls", rttMicros.getTotalCount())
                        .put("p50", rttMicros.getValueAtPercentile(50)).put("p99", rttMicros.getValueAtPercentile(99))
                        .put("max", rttMicros.getMaxValue());
            }
            context.out().println(context.json().writeValueAsString(line));
            return r.ok() ? 0 : 1;
        } catch (MeshgateException e) {
            line.put("ok", false).putObject("error").put("code", "CONNECT_FAILED").put("message", e.getMessage());
            context.out().println(context.json().writeValueAsString(line));
            return 1;
        }
    }
}
