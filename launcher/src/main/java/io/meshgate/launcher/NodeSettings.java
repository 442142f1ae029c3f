package io.meshgate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every node of a local cluster gets, whatever its server: the build it runs, its heap, the
 * broker (and the HA backup) it connects to, its keys, and the JVM options that carry meshgate's
 * settings. Reads templates and writes files only. Thread-safe.
 */
final class NodeSettings {

    /** The address every process of a local cluster binds to. */
    static final String BIND_ADDRESS = "127.0.0.1";

    final Build build;
    final String heap;
    final int brokerPort;
    final int backupPort;
    final ClusterKeys keys;

    /**
     * Nodes with this heap, connecting to the broker on {@code brokerPort} and, for an HA pair, to
     * its backup on {@code backupPort} (0 for one broker).
     */
    NodeSettings(Build build, String heap, int brokerPort, int backupPort, ClusterKeys keys) {
        this.build = build;
        this.heap = heap;
        this.brokerPort = brokerPort;
        this.backupPort = backupPort;
        this.keys = keys;
    }

    /** The text of a template with each placeholder replaced by its value. */
    static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace(v.getKey(), v.getValue());
        }
        return text;
    }

    /** A template of the project's {@code server-config/} folder, e.g. {@code payara/post-boot.asadmin}. */
    String template(String name) throws IOException {
        return Files.readString(build.home().resolve("server-config").resolve(name), StandardCharsets.UTF_8);
    }

    static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The JVM options of a node in {@code dir}: its heap, meshgate's system properties (the
     * cluster's, then {@code extra} over them) and, in a secure cluster, where its key stores are.
     */
    List<String> jvmOptions(String nodeId, Path dir, Map<String, String> extra, ClusterKeys.NodeTls tls)
            throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-Dmeshgate.node.id=" + nodeId,
                "-Djava.io.tmpdir=" + dir, "-Dmeshgate.proxy.trusted=" + Nginx.SOURCES,
                "-Dmeshgate.samples.executionLog=" + dir.resolve(LocalCluster.EXECUTION_LOG)));
        Map<String, String> all = new LinkedHashMap<>(keys.channelConfig(nodeId));
        all.put("meshgate.session.resumeKey", keys.resumeKey().toString());
        all.putAll(extra);
        all.forEach((k, v) -> options.add("-D" + k + "=" + v));
        options.addAll(tls.jvmOptions());
        return options;
    }
}
