package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One kind of application server as the launcher runs it: the files a node needs in its folder,
 * the command line that starts it, and its ports ({@link ServerKind} knows the log lines that say
 * it booted, or booted with a failed deployment). The launcher's one seam per server ({@link PayaraNode}, {@link WildFlyNode});
 * everything after the boot (readiness, the broker, nginx) is the same for every server.
 */
interface NodeServer {

    /** Which server this is. */
    ServerKind kind();

    /**
     * Writes the node's files into {@code dir}, takes free ports, and returns how to start it, with
     * {@code extra} system properties over the cluster's.
     */
    Launch prepare(String nodeId, Path dir, Map<String, String> extra) throws IOException, InterruptedException;

    /**
     * How to start one node and where it answers.
     *
     * @param command   the command line
     * @param port      its HTTP port (nginx's upstream)
     * @param tlsUrl    its own TLS listener, or null in a plain cluster
     * @param healthUrl its MicroProfile Health readiness URL
     */
    record Launch(List<String> command, int port, String tlsUrl, String healthUrl) {
        public Launch {
            command = List.copyOf(command);
        }
    }
}
