package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node on Payara Micro: its configuration rendered into its folder of the run dir (the pre-boot
 * asadmin commands, with those of its HTTPS listener in a secure cluster, and the post-boot ones:
 * the broker's address, the adapter, the WAR; templates in {@code server-config/payara}), its key
 * stores, and the command line that starts it. Writes files only. Thread-safe.
 */
final class PayaraNode implements NodeServer {

    private static final String TEMPLATES = "payara/";

    private final NodeSettings settings;

    PayaraNode(NodeSettings settings) {
        this.settings = settings;
    }

    @Override
    public ServerKind kind() {
        return ServerKind.PAYARA;
    }

    @Override
    public Launch prepare(String nodeId, Path dir, Map<String, String> extra) throws IOException {
        int port = Ports.free();
        int tlsPort = settings.keys.secure() ? Ports.free() : 0;
        return new Launch(command(nodeId, dir, port, tlsPort, extra), port,
                tlsPort == 0 ? null : "https://" + NodeSettings.BIND_ADDRESS + ":" + tlsPort,
                "http://" + NodeSettings.BIND_ADDRESS + ":" + port + "/health/ready");
    }

    /** Writes {@code <dir>/pre-boot.asadmin}: the listener's address, and the HTTPS listener's settings in a secure cluster. */
    Path writePreBoot(Path dir) throws IOException {
        Map<String, String> values = Map.of("@BIND_ADDRESS@", NodeSettings.BIND_ADDRESS);
        String text = NodeSettings.fill(settings.template(TEMPLATES + "pre-boot.asadmin"), values);
        if (settings.keys.secure()) {
            text += NodeSettings.fill(settings.template(TEMPLATES + "pre-boot-tls.asadmin"), values);
        }
        return NodeSettings.write(dir.resolve("pre-boot.asadmin"), text);
    }

    /** Writes {@code <dir>/post-boot.asadmin}: where the broker is, and the adapter and WAR to deploy. */
    Path writePostBoot(Path dir) throws IOException {
        return NodeSettings.write(dir.resolve("post-boot.asadmin"), NodeSettings.fill(
                settings.template(TEMPLATES + "post-boot.asadmin"), Map.of(
                "@BROKER_HOST@", NodeSettings.BIND_ADDRESS, "@BROKER_PORT@", Integer.toString(settings.brokerPort),
                "@RA_HA@", adapterHa(), "@RA_CREDENTIALS@", "",
                "@RAR@", settings.build.adapter().toString(), "@WAR@", settings.build.war().toString())));
    }

    /**
     * What the adapter's connection properties add for an HA pair ({@code post-boot-ha.fragment}:
     * the backup's connector, the connector class once per connector, {@code HA=true}), in asadmin
     * property syntax; empty for one broker.
     */
    String adapterHa() throws IOException {
        if (settings.backupPort == 0) {
            return "";
        }
        return NodeSettings.fill(settings.template(TEMPLATES + "post-boot-ha.fragment").strip(), Map.of(
                "@BACKUP_HOST@", NodeSettings.BIND_ADDRESS, "@BACKUP_PORT@", Integer.toString(settings.backupPort)));
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
        ClusterKeys.NodeTls tls = settings.keys.writeNodeStores(nodeId, dir);
        List<String> command = new ArrayList<>();
        command.add(Build.java());
        command.addAll(settings.jvmOptions(nodeId, dir, extra, tls));
        command.addAll(List.of("-jar", settings.build.payaraMicro().toString(), "--nocluster",
                "--port", Integer.toString(port), "--prebootcommandfile", pre.toString(),
                "--postbootcommandfile", post.toString()));
        if (settings.keys.secure()) {
            command.addAll(List.of("--sslport", Integer.toString(tlsPort), "--sslcert", tls.alias()));
        }
        return command;
    }
}
