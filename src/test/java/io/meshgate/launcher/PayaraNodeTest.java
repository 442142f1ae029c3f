package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayaraNodeTest {

    private static final String NETTY = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";

    @TempDir
    Path home;
    @TempDir
    Path runDir;

    private Path nodeDir;

    @BeforeEach
    void buildAndTemplates() throws IOException {
        Files.createDirectories(home.resolve("target"));
        for (String built : List.of("meshgate.war", "meshgate-ra.rar", "payara-micro.jar")) {
            Files.writeString(home.resolve("target").resolve(built), "");
        }
        Path templates = Files.createDirectories(home.resolve("server-config/payara"));
        Files.writeString(templates.resolve("pre-boot.asadmin"), "http @BIND_ADDRESS@\n");
        Files.writeString(templates.resolve("pre-boot-tls.asadmin"), "https @BIND_ADDRESS@\n");
        Files.writeString(templates.resolve("post-boot.asadmin"),
                "broker @BROKER_HOST@:@BROKER_PORT@@RA_HA@@RA_CREDENTIALS@\ndeploy @RAR@\ndeploy @WAR@\n");
        Files.copy(Path.of("server-config/payara/post-boot-ha.fragment").toAbsolutePath(),
                templates.resolve("post-boot-ha.fragment"));
        nodeDir = Files.createDirectories(runDir.resolve("node-1"));
    }

    private PayaraNode config(int backupPort, boolean secure) throws IOException {
        return new PayaraNode(new NodeSettings(new Build(home), "512m", 61616, backupPort,
                ClusterKeys.create(runDir, secure, List.of("node-1"))));
    }

    private Path built(String name) {
        return home.resolve("target").resolve(name).toAbsolutePath();
    }

    @Test
    void everyPlaceholderIsReplacedWhereverItStands() {
        assertEquals("a 1 b 1 c 2", NodeSettings.fill("a @X@ b @X@ c @Y@", Map.of("@X@", "1", "@Y@", "2")));
    }

    @Test
    void aPlainNodesPreBootBindsItsListenerToTheLoopbackAddress() throws IOException {
        Path pre = config(0, false).writePreBoot(nodeDir);

        assertEquals(nodeDir.resolve("pre-boot.asadmin"), pre);
        assertEquals("http 127.0.0.1\n", Files.readString(pre));
    }

    @Test
    void aSecureNodesPreBootAddsItsHttpsListener() throws IOException {
        assertEquals("http 127.0.0.1\nhttps 127.0.0.1\n", Files.readString(config(0, true).writePreBoot(nodeDir)));
    }

    @Test
    void thePostBootNamesTheBrokerTheAdapterAndTheWar() throws IOException {
        Path post = config(0, false).writePostBoot(nodeDir);

        assertEquals(nodeDir.resolve("post-boot.asadmin"), post);
        assertEquals("broker 127.0.0.1:61616\ndeploy " + built("meshgate-ra.rar") + "\ndeploy " + built("meshgate.war")
                + "\n", Files.readString(post));
    }

    @Test
    void thePostBootOfAnHaPairAddsTheBackupsConnector() throws IOException {
        String post = Files.readString(config(61617, false).writePostBoot(nodeDir));

        assertEquals("broker 127.0.0.1:61616,host\\=127.0.0.1\\;port\\=61617:ConnectorClassName=" + NETTY + "," + NETTY
                + ":HA=true", post.lines().findFirst().orElseThrow());
    }

    @Test
    void oneBrokerAddsNothingToTheAdaptersConnection() throws IOException {
        assertEquals("", config(0, false).adapterHa());
    }

    @Test
    void aPlainNodesCommandLineRunsPayaraMicroWithItsSettings() throws IOException {
        List<String> command = config(0, false).command("node-1", nodeDir, 8081, 0, Map.of("meshgate.node.capacity", "1"));

        List<String> expected = new ArrayList<>(List.of(Build.java(), "-Xmx512m", "-Dmeshgate.node.id=node-1",
                "-Djava.io.tmpdir=" + nodeDir, "-Dmeshgate.proxy.trusted=" + Nginx.SOURCES,
                "-Dmeshgate.samples.executionLog=" + nodeDir.resolve(LocalCluster.EXECUTION_LOG),
                "-Dmeshgate.channel.mode=plain", "-Dmeshgate.session.resumeKey=" + runDir.resolve("resume.key"),
                "-Dmeshgate.node.capacity=1", "-jar", built("payara-micro.jar").toString(), "--nocluster",
                "--port", "8081", "--prebootcommandfile", nodeDir.resolve("pre-boot.asadmin").toString(),
                "--postbootcommandfile", nodeDir.resolve("post-boot.asadmin").toString()));
        assertEquals(expected, command);
    }

    @Test
    void extraSettingsOverrideTheClustersOwn() throws IOException {
        List<String> command = config(0, false).command("node-1", nodeDir, 8081, 0,
                Map.of("meshgate.channel.mode", "secure"));

        assertTrue(command.contains("-Dmeshgate.channel.mode=secure"));
        assertFalse(command.contains("-Dmeshgate.channel.mode=plain"));
    }

    @Test
    void aSecureNodeListensForTlsWithTheCertificateOfItsName() throws IOException {
        List<String> command = config(0, true).command("node-1", nodeDir, 8081, 8444, Map.of());

        assertEquals(List.of("--sslport", "8444", "--sslcert", "meshgate-node-node-1"), command.subList(command.size() - 4,
                command.size()));
        assertTrue(command.contains("-Djavax.net.ssl.keyStore=" + nodeDir.resolve("tls-keys.p12")));
        assertTrue(command.contains("-Dmeshgate.channel.mode=secure"));
    }

    @Test
    void theProjectsTemplatesLeaveNoPlaceholderUnfilled() throws IOException {
        Path project = Path.of("server-config/payara").toAbsolutePath();
        for (String name : List.of("pre-boot.asadmin", "pre-boot-tls.asadmin", "post-boot.asadmin")) {
            Files.copy(project.resolve(name), home.resolve("server-config/payara").resolve(name),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        PayaraNode config = config(61617, true);

        Pattern placeholder = Pattern.compile("@[A-Z_]+@");
        assertFalse(placeholder.matcher(Files.readString(config.writePreBoot(nodeDir))).find());
        assertFalse(placeholder.matcher(Files.readString(config.writePostBoot(nodeDir))).find());
    }
}
