package io.meshgate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.meshgate.crypto.pki.LocalPki;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Finding nginx, writing its configuration from {@code nginx/meshgate.conf.template}, and starting it. */
final class Nginx {

    private static final Logger LOG = Logger.getLogger(Nginx.class.getName());

    /**
     * The addresses nginx connects to the nodes from (see {@code proxy_bind} in the template),
     * which the nodes must trust as proxies.
     */
    static final String SOURCES = "127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4,::1";

    private static final List<String> PLACES = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx");

    private Nginx() {
    }

    /** The nginx binary, or null when none is installed. */
    static String binary() {
        return PLACES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    /**
     * Writes {@code <run dir>/nginx.conf} for the nodes and returns its path; with a PKI, nginx
     * terminates TLS 1.3 with client certificates.
     */
    static Path writeConfig(Path home, Path runDir, int port, List<ClusterState.Node> nodes, LocalPki pki)
            throws IOException {
        String upstreams = nodes.stream()
                .map(n -> "        server 127.0.0.1:" + n.port() + " max_fails=0;")
                .collect(Collectors.joining("\n"));
        String text = Files.readString(home.resolve("nginx/meshgate.conf.template"), StandardCharsets.UTF_8)
                .replace("@RUN@", runDir.toAbsolutePath().toString())
                .replace("@LISTEN@", "127.0.0.1:" + port + (pki == null ? "" : " ssl"))
                .replace("@TLS@", pki == null ? "" : Files.readString(home.resolve("nginx/tls.conf.fragment"))
                        .replace("@CERT@", pki.nginxCert().toString()).replace("@KEY@", pki.nginxKey().toString())
                        .replace("@CA@", pki.caCert().toString()))
                .replace("@UPSTREAMS@", upstreams);
        Path conf = runDir.resolve("nginx.conf").toAbsolutePath();
        Files.writeString(conf, text, StandardCharsets.UTF_8);
        return conf;
    }

    /**
     * Starts nginx in front of the nodes (it runs as a daemon: its master's pid is read from
     * {@code <run dir>/nginx.pid}) and waits until it listens; null when nginx is not installed.
     */
    static ClusterState.Proc start(Path home, Path runDir, List<ClusterState.Node> nodes, LocalPki pki,
                                   ProcessSupervisor processes) throws IOException, InterruptedException {
        String binary = binary();
        if (binary == null) {
            LOG.info("nginx is not installed: clients connect to node-1 directly");
            return null;
        }
        int port = Ports.free();
        Path conf = writeConfig(home, runDir, port, nodes, pki);
        Path errors = processes.logs().resolve("nginx-error.log");
        List<String> command = List.of(binary, "-p", runDir.toString(), "-c", conf.toString(), "-e", errors.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(processes.log("nginx").toFile())
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("nginx did not start; see " + errors);
        }
        long pid = Long.parseLong(Files.readString(runDir.resolve("nginx.pid")).trim());
        processes.await("nginx", () -> Ports.listening(port), Duration.ofSeconds(10), null);
        return new ClusterState.Proc((pki == null ? "http" : "https") + "://127.0.0.1:" + port, pid, command,
                errors.toString());
    }
}
