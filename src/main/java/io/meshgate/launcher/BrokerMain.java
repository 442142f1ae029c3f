package io.meshgate.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The embedded Artemis broker of a local cluster, in its own process:
 * {@code BrokerMain <port> <data folder>}. Listens on 127.0.0.1 only, keeps durable
 * subscriptions in a journal under the data folder, sends messages that fail five deliveries to
 * {@code DLQ} and expired ones nowhere, and keeps its duplicate-detection ids in memory only.
 * Stops on SIGTERM.
 */
public final class BrokerMain {

    private static final Logger LOG = Logger.getLogger(BrokerMain.class.getName());
    /** Artemis's audit loggers log every message at INFO: far too costly for a gateway's broker. */
    private static final Logger AUDIT = Logger.getLogger("org.apache.activemq.audit");

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BrokerMain <port> <data folder>");
        }
        AUDIT.setLevel(Level.OFF);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration(Integer.parseInt(args[0]),
                Path.of(args[1])));
        broker.start();
        LOG.info(() -> "meshgate broker ready on 127.0.0.1:" + args[0]);
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

    /** The broker configuration for a port and data folder. */
    static Configuration configuration(int port, Path data) throws Exception {
        AddressSettings meshgate = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setMaxDeliveryAttempts(5)
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
