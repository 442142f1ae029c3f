package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node on WildFly (standalone-full, from the distribution the build unpacks). Once per cluster it
 * turns a copy of WildFly's configuration into a meshgate node's with {@code jboss-cli} offline
 * ({@code server-config/wildfly/configure-node.cli}, plus the TLS or the plain fragment: the broker,
 * the pooled connection factory, MicroProfile Health, the listeners). Each node then gets a copy of
 * that configuration as its server base folder, the WAR as {@code deployments/ROOT.war}, free ports
 * as system properties, and a command line that runs WildFly's JVM directly. Its readiness is on the
 * management port, where WildFly serves MicroProfile Health. Thread-safe: the configuration is made
 * under this object's lock.
 */
final class WildFlyNode implements NodeServer {

    private static final String TEMPLATES = "wildfly/";
    private static final String CONFIG = "standalone-full.xml";
    private static final Duration CONFIGURE_TIMEOUT = Duration.ofMinutes(3);

    private final NodeSettings settings;
    private final Path runDir;
    private Path base;

    /** Nodes whose configuration is made once in {@code <runDir>/wildfly-base}. */
    WildFlyNode(NodeSettings settings, Path runDir) {
        this.settings = settings;
        this.runDir = runDir;
    }

    @Override
    public ServerKind kind() {
        return ServerKind.WILDFLY;
    }

    @Override
    public Launch prepare(String nodeId, Path dir, Map<String, String> extra) throws IOException, InterruptedException {
        Path home = settings.build.wildfly();
        Path server = dir.resolve("wildfly");
        Folders.delete(server);
        Folders.copy(configured(home), server);
        Files.copy(settings.build.war(), server.resolve("deployments/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        int port = Ports.free();
        int management = Ports.free();
        int tlsPort = settings.keys.secure() ? Ports.free() : 0;
        // where configure-node-tls.cli expects them: the server's configuration folder
        ClusterKeys.NodeTls tls = settings.keys.writeNodeStores(nodeId, server.resolve("configuration"));
        List<String> command = new ArrayList<>();
        command.add(Build.java());
        command.addAll(jvmOptions(settings.template(TEMPLATES + "jvm.options")));
        command.addAll(settings.jvmOptions(nodeId, dir, extra, tls));
        command.addAll(List.of("-Dorg.jboss.boot.log.file=" + server.resolve("log/server.log"),
                "-Dlogging.configuration=file:" + server.resolve("configuration/logging.properties"),
                "-jar", home.resolve("jboss-modules.jar").toString(), "-mp", home.resolve("modules").toString(),
                "org.jboss.as.standalone", "-Djboss.home.dir=" + home, "-Djboss.server.base.dir=" + server,
                "-Djboss.node.name=" + nodeId, "-Djboss.http.port=" + port,
                "-Djboss.management.http.port=" + management, "-c", CONFIG));
        if (tlsPort != 0) {
            command.add("-Djboss.https.port=" + tlsPort);
        }
        String host = "http://" + NodeSettings.BIND_ADDRESS + ":";
        return new Launch(command, port, tlsPort == 0 ? null : "https://" + NodeSettings.BIND_ADDRESS + ":" + tlsPort,
                host + management + "/health/ready");
    }

    /** The lines of a {@code jvm.options} file that are options (not blank, not comments). */
    static List<String> jvmOptions(String file) {
        return file.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The script that makes a node's configuration, with this cluster's values in it. */
    String configureScript() throws IOException {
        String listener = settings.template(TEMPLATES + (settings.keys.secure()
                ? "configure-node-tls.cli" : "configure-node-plain.cli"));
        boolean ha = settings.backupPort != 0;
        String backup = !ha ? "" : NodeSettings.fill(settings.template(TEMPLATES + "configure-node-backup.cli"), Map.of(
                "@BACKUP_HOST@", NodeSettings.BIND_ADDRESS, "@BACKUP_PORT@", Integer.toString(settings.backupPort)));
        return NodeSettings.fill(settings.template(TEMPLATES + "configure-node.cli"), Map.of(
                "@BIND_ADDRESS@", NodeSettings.BIND_ADDRESS, "@BROKER_HOST@", NodeSettings.BIND_ADDRESS,
                "@BROKER_PORT@", Integer.toString(settings.brokerPort), "@BACKUP_CONNECTOR@", backup,
                "@CONNECTORS@", ha ? "meshgate-broker, meshgate-broker-backup" : "meshgate-broker",
                "@HA@", Boolean.toString(ha), "@CREDENTIALS@", "", "@LISTENER@", NodeSettings.fill(listener,
                        Map.of("@STORE_PASSWORD@", ClusterKeys.STORE_PASSWORD))));
    }

    /** The server base folder with meshgate's configuration, made on first use: {@code <runDir>/wildfly-base}. */
    private synchronized Path configured(Path home) throws IOException, InterruptedException {
        if (base == null) {
            Path dir = runDir.resolve("wildfly-base");
            configure(home, dir, configureScript(), runDir.resolve("configure-node.cli"),
                    runDir.resolve("logs/wildfly-configure.log"));
            base = dir;
        }
        return base;
    }

    /**
     * Makes {@code dir} a server base folder with meshgate's configuration: a copy of WildFly's
     * {@code standalone/configuration} and an empty {@code deployments/}, changed by this
     * {@code jboss-cli} script (written to {@code scriptFile}, the CLI's output to {@code log}).
     */
    static void configure(Path home, Path dir, String script, Path scriptFile, Path log)
            throws IOException, InterruptedException {
        Folders.delete(dir);
        Folders.copy(home.resolve("standalone/configuration"), dir.resolve("configuration"));
        Files.createDirectories(dir.resolve("deployments"));
        NodeSettings.write(scriptFile, script);
        Files.createDirectories(log.getParent());
        ProcessBuilder cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(),
                "-Djboss.server.base.dir=" + dir, "--file=" + scriptFile)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        cli.environment().put("JAVA", Build.java());
        cli.environment().put("JAVA_OPTS", "-Xmx128m");
        Process p = cli.start();
        if (!p.waitFor(CONFIGURE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("jboss-cli did not finish configuring WildFly within "
                    + CONFIGURE_TIMEOUT.toSeconds() + " s; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("jboss-cli could not configure WildFly (exit " + p.exitValue() + "): "
                    + Files.readString(log).strip());
        }
    }

}
