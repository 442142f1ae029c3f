package io.meshgate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * The embedded Artemis broker of a local cluster, in its own process:
 * {@code BrokerMain <port> <data folder> [primary|backup <peer port>]} (the last two for one
 * broker of a shared-store HA pair). Its configuration is the project's {@code
 * server-config/artemis} (the folder in {@code -Dmeshgate.broker.config}, else under {@code
 * -Dmeshgate.home}): {@code broker.xml} alone, {@code broker-primary.xml} or {@code
 * broker-backup.xml} in a pair, the same files a standalone Artemis would use, with the port, data
 * folder and peer port passed as the system properties they name. The addresses come from system
 * properties too, each 127.0.0.1 unless set: {@code meshgate.broker.bind} (what the acceptor binds),
 * {@code meshgate.broker.host} (the name the nodes and the peer reach this broker by) and {@code
 * meshgate.broker.peerHost}; the broker image (docker/broker-entrypoint.sh) sets them.
 *
 * <p>With {@code -Dmeshgate.broker.passwordFile=FILE} (the broker image's default) the broker
 * requires a password of every client: the user {@value #USER} with the file's content, in the role
 * {@value #ROLE} that {@code security-settings.xml} allows everything; the pair's cluster connection
 * uses the same secret. Without it (bin/meshgate on loopback) anyone who reaches the port may use it.
 * Stops on SIGTERM.
 */
public final class BrokerMain {

    private static final Logger LOG = Logger.getLogger(BrokerMain.class.getName());
    /** Artemis's audit loggers log every message at INFO: far too costly for a gateway's broker. */
    private static final Logger AUDIT = Logger.getLogger("org.apache.activemq.audit");

    /** The system properties the configuration files read. */
    static final String PORT = "meshgate.broker.port";
    static final String DATA = "meshgate.broker.data";
    static final String PEER_PORT = "meshgate.broker.peerPort";
    static final String CONFIG = "meshgate.broker.config";
    static final String BIND = "meshgate.broker.bind";
    static final String HOST = "meshgate.broker.host";
    static final String PEER_HOST = "meshgate.broker.peerHost";
    static final String PASSWORD_FILE = "meshgate.broker.passwordFile";
    /** The one user a broker with a password knows, and its role. */
    static final String USER = "meshgate";
    static final String ROLE = "meshgate";
    /** The address a broker binds to and is known by unless told otherwise: one machine's loopback. */
    static final String LOOPBACK = "127.0.0.1";

    /** A broker of a pair logs this once the serving broker knows it as its backup (AMQ221031: backup announced). */
    static final String BACKUP_ANNOUNCED = "AMQ221031";

    private BrokerMain() {
    }

    /**
     * The command line that starts the same broker of a pair (same port, data folder and peer) in
     * the backup role.
     *
     * @throws IllegalArgumentException for a command that does not start a broker of a pair
     */
    static List<String> asBackup(List<String> command) {
        int main = command.indexOf(BrokerMain.class.getName());
        if (main < 0 || command.size() != main + 5) {
            throw new IllegalArgumentException("not the command of a broker of a pair: " + command);
        }
        List<String> backup = new ArrayList<>(command);
        backup.set(main + 3, "backup");
        return List.copyOf(backup);
    }

    /**
     * The command line of one broker of a local cluster, with its data in {@code <run dir>/broker-data}:
     * alone ({@code role} ignored when {@code peerPort} is 0), or the primary or backup of a
     * shared-store pair with the peer on {@code peerPort}; both of a pair use the same data folder.
     */
    static List<String> command(Build build, Path runDir, int port, String role, int peerPort) throws IOException {
        List<String> c = new ArrayList<>(List.of(Build.java(), "-Xmx256m",
                "-D" + CONFIG + "=" + build.home().resolve("server-config/artemis"),
                "-cp", build.launcherClasspath(),
                BrokerMain.class.getName(), Integer.toString(port), runDir.resolve("broker-data").toString()));
        if (peerPort != 0) {
            c.addAll(List.of(role, Integer.toString(peerPort)));
        }
        return c;
    }

    public static void main(String[] args) throws Exception {
        EmbeddedActiveMQ broker = start(args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                LOG.warning("broker stop failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "broker-stop"));
        stopped.await();
    }

    /** Starts the broker these arguments (see {@link #main}) and the system properties describe. */
    static EmbeddedActiveMQ start(String... args) throws Exception {
        if (args.length != 2 && args.length != 4) {
            throw new IllegalArgumentException("usage: BrokerMain <port> <data folder> [primary|backup <peer port>]");
        }
        AUDIT.setLevel(Level.OFF);
        Path file = configFolder().resolve(configFile(args));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no broker configuration at " + file);
        }
        System.setProperty(PORT, Integer.toString(Integer.parseInt(args[0])));
        System.setProperty(DATA, Path.of(args[1]).toAbsolutePath().toString());
        System.setProperty(CONFIG, file.getParent().toString());
        if (args.length == 4) {
            System.setProperty(PEER_PORT, Integer.toString(Integer.parseInt(args[3])));
        }
        for (String address : List.of(BIND, HOST, PEER_HOST)) {
            System.setProperty(address, System.getProperty(address, LOOPBACK));
        }
        FileConfiguration config = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(file.toUri().toString());
        deployment.addDeployable(config);
        deployment.readConfiguration();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        String passwordFile = System.getProperty(PASSWORD_FILE);
        if (passwordFile != null) {
            String password = password(Path.of(passwordFile));
            config.setSecurityEnabled(true);
            config.setClusterPassword(password);
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(USER, password);
            users.addRole(USER, ROLE);
            broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        }
        broker.start();
        String login = passwordFile == null ? "open to anyone who reaches it"
                : "clients need the password of " + passwordFile;
        String where = System.getProperty(BIND) + ":" + args[0] + " as " + System.getProperty(HOST) + ", " + login;
        LOG.info(() -> args.length == 4 && "backup".equals(args[2])
                ? "meshgate backup broker waiting on " + where + " for its primary to fail"
                : "meshgate broker ready on " + where);
        return broker;
    }

    /**
     * The password in {@code file} (its content without surrounding white space).
     *
     * @throws IllegalStateException for an empty file
     */
    static String password(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty: the broker's password must not be");
        }
        return password;
    }

    /**
     * The configuration file for these arguments: {@code broker.xml} for one broker,
     * {@code broker-primary.xml} or {@code broker-backup.xml} for one of a pair.
     *
     * @throws IllegalArgumentException for a role that is neither
     */
    static String configFile(String... args) {
        if (args.length != 4) {
            return "broker.xml";
        }
        if (!"primary".equals(args[2]) && !"backup".equals(args[2])) {
            throw new IllegalArgumentException("a broker of a pair is 'primary' or 'backup', not '" + args[2] + "'");
        }
        return "broker-" + args[2] + ".xml";
    }

    /** {@code -Dmeshgate.broker.config}, else {@code server-config/artemis} under {@code -Dmeshgate.home}. */
    private static Path configFolder() {
        String folder = System.getProperty(CONFIG);
        if (folder != null) {
            return Path.of(folder);
        }
        String home = System.getProperty("meshgate.home");
        if (home == null) {
            throw new IllegalStateException("set -D" + CONFIG + " (the folder of broker.xml) or -Dmeshgate.home");
        }
        return Path.of(home, "server-config", "artemis");
    }
}
