package io.meshgate.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.wire.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What every {@code bin/meshgate} command works with: the meshgate home, the run dir holding the cluster's files,
 * and the streams results (stdout) and progress and errors (stderr) go to.
 */
record CliContext(Path home, Path runDir, PrintStream out, PrintStream err) {

    /** What a command that needs a cluster prints when none runs. */
    static final String NO_CLUSTER = "no cluster is running (bin/meshgate up starts one)";

    CliContext {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    ObjectMapper json() {
        return Json.mapper();
    }

    /** The cluster the state file names, or null when there is none or none of its broker and nodes is alive. */
    ClusterState runningState() throws IOException {
        Path file = LocalCluster.stateFile(runDir);
        if (!Files.exists(file)) {
            return null;
        }
        ClusterState s = ClusterState.read(file);
        boolean any = ClusterState.alive(s.broker().pid())
                || s.nodes().stream().anyMatch(n -> ClusterState.alive(n.pid()));
        return any ? s : null;
    }

    /** A result on stdout: one line with {@code --json}, indented otherwise. */
    void print(ObjectNode result, boolean oneLine) throws IOException {
        out.println(oneLine ? json().writeValueAsString(result)
                : json().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
