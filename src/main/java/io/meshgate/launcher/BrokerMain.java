package io.meshgate.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The embedded Artemis broker of a local cluster, in its own process:
 * {@code BrokerMain <port> <data folder> [primary|backup <peer port>]} (the last two for one
 * broker of a shared-store HA pair). Listens on 127.0.0.1 only, keeps durable
 * subscriptions in a journal under the data folder, sends messages that fail five deliveries to
 * {@code DLQ} and expired ones nowhere, and keeps its duplicate-detection ids in memory only.
 * Stops on SIGTERM.
 */
public final class BrokerMain {

    private static final Logger LOG = Logger.getLogger(BrokerMain.class.getName());
    /** Artemis's audit loggers log every message at INFO: far too costly for a gateway's broker. */
    private static final Logger AUDIT = Logger.getLogger("org.apache.activemq.audit");

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

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 4) {
            throw new IllegalArgumentException("usage: BrokerMain <port> <data folder> [primary|backup <peer port>]");
        }
        AUDIT.setLevel(Level.OFF);
        int port = Integer.parseInt(args[0]);
        Configuration config = configuration(port, Path.of(args[1]));
        if (args.length == 4) {
            sharedStorePair(config, port, Integer.parseInt(args[3]), "backup".equals(args[2]));
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        LOG.info(() -> args.length == 4 && "backup".equals(args[2])
                ? "meshgate backup broker waiting on 127.0.0.1:" + args[0] + " for its primary to fail"
                : "meshgate broker ready on 127.0.0.1:" + args[0]);
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

    /**
     * Makes the broker one of a shared-store HA pair: both use the same data folder; the primary
     * holds the journal's file lock, the backup waits for it (the OS frees it the moment the
     * primary's process dies) and then serves. The cluster connection to the peer is how the
     * backup announces itself, so that clients (with {@code HA=true}) learn where to fail over.
     * Failover also on an orderly stop of the primary.
     */
    static void sharedStorePair(Configuration config, int port, int peerPort, boolean backup) throws Exception {
        config.addConnectorConfiguration("self", "tcp://127.0.0.1:" + port);
        config.addConnectorConfiguration("peer", "tcp://127.0.0.1:" + peerPort);
        config.setClusterUser("meshgate-cluster").setClusterPassword("meshgate-local-pair");
        config.addClusterConfiguration(new ClusterConnectionConfiguration().setName("meshgate-ha")
                .setConnectorName("self").setStaticConnectors(java.util.List.of("peer")).setRetryInterval(500));
        config.setHAPolicyConfiguration(backup
                ? new SharedStoreBackupPolicyConfiguration().setFailoverOnServerShutdown(true).setAllowFailBack(false)
                : new SharedStorePrimaryPolicyConfiguration().setFailoverOnServerShutdown(true));
    }

    /** The broker configuration for a port and data folder. */
    static Configuration configuration(int port, Path data) throws Exception {
        // A delivery that fails is retried after 100 ms doubling to 1 s, ten times: a node that
        // is stopping fails every delivery it still takes, in a tight loop without a delay, and
        // would use up a request's attempts in milliseconds while a healthy node stands by.
        AddressSettings meshgate = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setMaxDeliveryAttempts(10)
                .setRedeliveryDelay(100)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(1_000)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true);
        return new ConfigurationImpl()
                .setName("meshgate-broker")
                .setPersistenceEnabled(true)
                // duplicate detection (replies carry _AMQ_DUPL_ID) in memory only: a persisted id
                // cache costs a journal write per reply, and every message here is non-persistent
                .setPersistIDCache(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .addAcceptorConfiguration("netty", "tcp://127.0.0.1:" + port)
                .addAddressSetting("#", meshgate);
    }
}
