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
 * A node's Payara Micro configuration, rendered into its folder of the run dir: the pre-boot
 * asadmin commands (with those of its HTTPS listener in a secure cluster) and the post-boot ones
 * (the broker's address, the adapter, the WAR) from the templates in {@code server-config/payara},
 * its key stores, and the command line that starts it. Writes files only. Thread-safe.
 */
final class NodeConfig {

    /** The address every process of a local cluster binds to. */
    static final String BIND_ADDRESS = "127.0.0.1";
    private static final String TEMPLATES = "server-config/payara/";

    private final Build build;
    private final String heap;
    private final int brokerPort;
    private final int backupPort;
    private final ClusterKeys keys;

    /**
     * The configuration of nodes with this heap, connecting to the broker on {@code brokerPort}
     * and, for an HA pair, to its backup on {@code backupPort} (0 for one broker).
     */
    NodeConfig(Build build, String heap, int brokerPort, int backupPort, ClusterKeys keys) {
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

    /** Writes {@code <dir>/pre-boot.asadmin}: the listener's address, and the HTTPS listener's settings in a secure cluster. */
    Path writePreBoot(Path dir) throws IOException {
        Map<String, String> values = Map.of("@BIND_ADDRESS@", BIND_ADDRESS);
        String text = fill(template("pre-boot.asadmin"), values);
        if (keys.secure()) {
            text += fill(template("pre-boot-tls.asadmin"), values);
        }
        return write(dir.resolve("pre-boot.asadmin"), text);
    }

    /** Writes {@code <dir>/post-boot.asadmin}: where the broker is, and the adapter and WAR to deploy. */
    Path writePostBoot(Path dir) throws IOException {
        return write(dir.resolve("post-boot.asadmin"), fill(template("post-boot.asadmin"), Map.of(
                "@BROKER_HOST@", BIND_ADDRESS, "@BROKER_PORT@", Integer.toString(brokerPort),
                "@RA_HA@", adapterHa(backupPort), "@RAR@", build.adapter().toString(),
                "@WAR@", build.war().toString())));
    }

    /**
     * What the adapter's connection properties add for an HA pair (the backup's connector, the
     * connector class once per connector, {@code HA=true}), in asadmin property syntax; empty for
     * one broker ({@code backupPort} 0).
     */
    static String adapterHa(int backupPort) {
        if (backupPort == 0) {
            return "";
        }
        String netty = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";
        return ",host\\=" + BIND_ADDRESS + "\\;port\\=" + backupPort + ":ConnectorClassName=" + netty + "," + netty
                + ":HA=true";
    }

    /**
     * Writes the node's command files and key stores into {@code dir} and returns the command line
     * that starts it on {@code port} (and {@code tlsPort} in a secure cluster), with {@code extra}
     * system properties over the cluster's.
     */
    List<String> command(String nodeId, Path dir, int port, int tlsPort, Map<String, String> extra)
            throws IOException {
        Path pre = writePreBoot(dir);
        Path post = writePostBoot(dir);
        List<String> command = new ArrayList<>(List.of(Build.java(), "-Xmx" + heap,
                "-Dmeshgate.node.id=" + nodeId, "-Djava.io.tmpdir=" + dir, "-Dmeshgate.proxy.trusted=" + Nginx.SOURCES,
                "-Dmeshgate.samples.executionLog=" + dir.resolve(LocalCluster.EXECUTION_LOG)));
        Map<String, String> all = new LinkedHashMap<>(keys.channelConfig(nodeId));
        all.put("meshgate.session.resumeKey", keys.resumeKey().toString());
        all.putAll(extra);
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ClusterKeys.NodeTls tls = keys.writeNodeStores(nodeId, dir);
        command.addAll(tls.jvmOptions());
        command.addAll(List.of("-jar", build.payaraMicro().toString(), "--nocluster",
                "--port", Integer.toString(port), "--prebootcommandfile", pre.toString(),
                "--postbootcommandfile", post.toString()));
        if (keys.secure()) {
            command.addAll(List.of("--sslport", Integer.toString(tlsPort), "--sslcert", tls.alias()));
        }
        return command;
    }

    private String template(String name) throws IOException {
        return Files.readString(build.home().resolve(TEMPLATES + name), StandardCharsets.UTF_8);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
