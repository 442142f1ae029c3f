package io.meshgate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.meshgate.crypto.pki.LocalPki;
import java.util.List;
import java.util.stream.Collectors;

/** Finding nginx and writing its configuration from {@code nginx/meshgate.conf.template}. */
final class Nginx {

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
}
