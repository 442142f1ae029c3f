package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerMainTest {

    private static final String MAIN = BrokerMain.class.getName();

    @Test
    void aDeadPrimaryComesBackAsTheBackupOfItsPeer() {
        List<String> primary = List.of("java", "-Xmx256m", "-cp", "x.jar", MAIN, "40001", "/run/broker-data", "primary", "40002");

        assertEquals(List.of("java", "-Xmx256m", "-cp", "x.jar", MAIN, "40001", "/run/broker-data", "backup", "40002"),
                BrokerMain.asBackup(primary));
    }

    @Test
    void aBackupStaysABackup() {
        List<String> backup = List.of("java", "-cp", "x.jar", MAIN, "40002", "/run/broker-data", "backup", "40001");

        assertEquals(backup, BrokerMain.asBackup(backup));
    }

    @Test
    void aSingleBrokerCannotBecomeABackup() {
        List<String> single = List.of("java", "-cp", "x.jar", MAIN, "40001", "/run/broker-data");

        assertEquals("not the command of a broker of a pair: " + single,
                assertThrows(IllegalArgumentException.class, () -> BrokerMain.asBackup(single)).getMessage());
    }

    @Test
    void aBrokerAloneReadsBrokerXmlAndOneOfAPairReadsTheFileOfItsRole() {
        assertEquals(List.of("broker.xml", "broker-primary.xml", "broker-backup.xml"), List.of(
                BrokerMain.configFile("40001", "/d"), BrokerMain.configFile("40001", "/d", "primary", "40002"),
                BrokerMain.configFile("40001", "/d", "backup", "40002")));
    }

    @Test
    void aPairRoleOtherThanPrimaryOrBackupIsRefused() {
        assertEquals("a broker of a pair is 'primary' or 'backup', not 'live'", assertThrows(
                IllegalArgumentException.class, () -> BrokerMain.configFile("40001", "/d", "live", "40002")).getMessage());
    }

    @Test
    void theServerConfigBrokerListensOnTheAddressAndPortItIsGivenAndRedeliversWithBackoffToDlq() throws Exception {
        FileConfiguration c = load("broker.xml");

        Map<String, Object> acceptor = c.getAcceptorConfigurations().iterator().next().getParams();
        assertEquals(List.of("0.0.0.0", "40001"), List.of(acceptor.get("host").toString(), acceptor.get("port").toString()));
        assertEquals("/run/broker-data/journal", c.getJournalDirectory());
        assertEquals(false, c.isPersistIDCache());
        AddressSettings all = c.getAddressSettings().get("#");
        assertEquals(List.of("DLQ", 10, 100L, 2.0, 1000L), List.of(all.getDeadLetterAddress().toString(),
                all.getMaxDeliveryAttempts(), all.getRedeliveryDelay(), all.getRedeliveryMultiplier(),
                all.getMaxRedeliveryDelay()));
        assertEquals(List.of(), c.getClusterConfigurations());
    }

    @Test
    void theServerConfigPrimaryHoldsTheSharedStoreAndFailsOverOnShutdown() throws Exception {
        FileConfiguration c = load("broker-primary.xml");

        SharedStorePrimaryPolicyConfiguration ha = (SharedStorePrimaryPolicyConfiguration) c.getHAPolicyConfiguration();
        assertEquals(true, ha.isFailoverOnServerShutdown());
        assertEquals(List.of("peer"), c.getClusterConfigurations().get(0).getStaticConnectors());
        assertEquals("40002", c.getConnectorConfigurations().get("peer").getParams().get("port").toString());
    }

    @Test
    void aBrokerOfAPairIsKnownByItsOwnNameAndReachesItsPeerByThePeersName() throws Exception {
        for (String file : List.of("broker-primary.xml", "broker-backup.xml")) {
            FileConfiguration c = load(file);

            assertEquals(List.of("broker-primary", "40001", "broker-backup", "40002"), List.of(
                    c.getConnectorConfigurations().get("self").getParams().get("host").toString(),
                    c.getConnectorConfigurations().get("self").getParams().get("port").toString(),
                    c.getConnectorConfigurations().get("peer").getParams().get("host").toString(),
                    c.getConnectorConfigurations().get("peer").getParams().get("port").toString()), file);
            assertEquals("0.0.0.0", c.getAcceptorConfigurations().iterator().next().getParams().get("host").toString(), file);
        }
    }

    @Test
    void theServerConfigBackupDoesNotHandTheStoreBackToAPrimaryStartedAgain() throws Exception {
        FileConfiguration c = load("broker-backup.xml");

        SharedStoreBackupPolicyConfiguration ha = (SharedStoreBackupPolicyConfiguration) c.getHAPolicyConfiguration();
        assertEquals(List.of(true, false), List.of(ha.isFailoverOnServerShutdown(), ha.isAllowFailBack()));
    }

    @Test
    void aBrokerGivenAPasswordFileAdmitsOnlyItsUserWithThatPassword(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broker.password"), "from-the-pki\n");
        int port = Ports.free();
        System.setProperty(BrokerMain.CONFIG, Build.projectHome().resolve("server-config/artemis").toString());
        System.setProperty(BrokerMain.PASSWORD_FILE, file.toString());
        EmbeddedActiveMQ broker = BrokerMain.start(Integer.toString(port), dir.resolve("data").toString());
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + port + "?reconnectAttempts=0")) {
            assertThrows(JMSSecurityException.class, () -> factory.createConnection().close());
            assertThrows(JMSSecurityException.class, () -> factory.createConnection(BrokerMain.USER, "guess").close());
            factory.createConnection(BrokerMain.USER, "from-the-pki").close();
        } finally {
            broker.stop();
            List.of(BrokerMain.CONFIG, BrokerMain.PASSWORD_FILE, BrokerMain.PORT, BrokerMain.DATA, BrokerMain.BIND,
                    BrokerMain.HOST, BrokerMain.PEER_HOST).forEach(System::clearProperty);
        }
    }

    @Test
    void everyBrokerFileLetsTheMeshgateRoleDoEverythingOnceSecurityIsOn() throws Exception {
        for (String file : List.of("broker.xml", "broker-primary.xml", "broker-backup.xml")) {
            Role role = load(file).getSecurityRoles().get("#").iterator().next();

            assertEquals(BrokerMain.ROLE, role.getName(), file);
            assertEquals(List.of(true, true, true, true, true, true, true, true, true, true), List.of(role.isSend(),
                    role.isConsume(), role.isBrowse(), role.isManage(), role.isCreateAddress(), role.isDeleteAddress(),
                    role.isCreateDurableQueue(), role.isDeleteDurableQueue(), role.isCreateNonDurableQueue(),
                    role.isDeleteNonDurableQueue()), file);
            assertEquals(false, load(file).isSecurityEnabled(), file + ": on only with a password file");
        }
    }

    @Test
    void anEmptyPasswordFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broker.password"), " \n");

        assertEquals(file + " is empty: the broker's password must not be",
                assertThrows(IllegalStateException.class, () -> BrokerMain.password(file)).getMessage());
    }

    @Test
    void aBrokerAloneRunsTheLaunchersClasspathOnItsPortAndDataFolder(@TempDir Path home) throws Exception {
        Build build = build(home);

        assertEquals(List.of(Build.java(), "-Xmx256m", "-D" + BrokerMain.CONFIG + "=" + home.resolve("server-config/artemis"),
                "-cp", build.launcherClasspath(), MAIN, "40001", "/run/broker-data"),
                BrokerMain.command(build, Path.of("/run"), 40001, "primary", 0));
    }

    @Test
    void aBrokerOfAPairIsToldItsRoleAndItsPeersPort(@TempDir Path home) throws Exception {
        List<String> primary = BrokerMain.command(build(home), Path.of("/run"), 40001, "primary", 40002);

        assertEquals(List.of(MAIN, "40001", "/run/broker-data", "primary", "40002"),
                primary.subList(primary.size() - 5, primary.size()));
        assertEquals(BrokerMain.command(build(home), Path.of("/run"), 40001, "backup", 40002), BrokerMain.asBackup(primary));
    }

    private static Build build(Path home) throws Exception {
        Files.createDirectories(home.resolve("launcher/target"));
        Files.writeString(home.resolve("launcher/target/launcher.classpath"), "/m2/artemis.jar");
        return new Build(home);
    }

    /**
     * One of the project's broker files, read as the broker reads it, for port 40001 bound to
     * 0.0.0.0 and known as broker-primary (peer broker-backup:40002).
     */
    private static FileConfiguration load(String file) throws Exception {
        Path folder = Build.projectHome().resolve("server-config/artemis");
        Map<String, String> properties = Map.of(BrokerMain.PORT, "40001", BrokerMain.PEER_PORT, "40002",
                BrokerMain.DATA, "/run/broker-data", BrokerMain.CONFIG, folder.toString(), BrokerMain.BIND, "0.0.0.0",
                BrokerMain.HOST, "broker-primary", BrokerMain.PEER_HOST, "broker-backup");
        properties.forEach(System::setProperty);
        try {
            FileConfiguration c = new FileConfiguration();
            FileDeploymentManager deployment = new FileDeploymentManager(folder.resolve(file).toUri().toString());
            deployment.addDeployable(c);
            deployment.readConfiguration();
            return c;
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }
}
