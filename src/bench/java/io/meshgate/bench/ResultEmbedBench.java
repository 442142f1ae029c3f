package io.meshgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.wire.Json;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ingress node's work on a result from the reply message to the client frame's JSON payload:
 * parsing the result into a tree and writing it again (before), against checking it with a
 * streaming read and writing its bytes as they are ({@link Json#embedded}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResultEmbedBench {

    @Param({"1024", "16384"})
    public int bytes;

    private final MessageCodec codec = new MessageCodec();
    private byte[] result;

    @Setup
    public void setUp() {
        result = Payloads.params(bytes);
    }

    @Benchmark
    public byte[] parsedAndWrittenAgain() throws IOException {
        JsonNode tree = Json.mapper().readTree(result);
        return codec.encode(new WireMessage.Response("q2Lw8yR0T5i1kX3vZ7bN", tree, "node-a", "node-b"));
    }

    @Benchmark
    public byte[] checkedAndEmbedded() throws IOException {
        return codec.encode(new WireMessage.Response("q2Lw8yR0T5i1kX3vZ7bN", Json.embedded(result), "node-a", "node-b"));
    }
}
