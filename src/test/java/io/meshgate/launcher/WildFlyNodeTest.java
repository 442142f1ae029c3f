package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WildFlyNodeTest {

    @TempDir
    Path home;
    @TempDir
    Path runDir;

    @BeforeEach
    void theProjectsTemplates() throws IOException {
        Path project = Path.of("server-config/wildfly").toAbsolutePath();
        Path templates = Files.createDirectories(home.resolve("server-config/wildfly"));
        try (var files = Files.list(project)) {
            for (Path f : files.toList()) {
                Files.copy(f, templates.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private WildFlyNode node(int backupPort, boolean secure) throws IOException {
        return new WildFlyNode(new NodeSettings(new Build(home), "512m", 61616, backupPort,
                ClusterKeys.create(runDir, secure, List.of("node-1"))), runDir);
    }

    @Test
    void theConfigurationScriptLeavesNoPlaceholderUnfilled() throws IOException {
        Pattern placeholder = Pattern.compile("@[A-Z_]+@");

        assertFalse(placeholder.matcher(node(61617, true).configureScript()).find());
        assertFalse(placeholder.matcher(node(0, false).configureScript()).find());
    }

    @Test
    void oneBrokerIsOneConnectorWithoutHa() throws IOException {
        String script = node(0, false).configureScript();

        assertTrue(script.contains("remote-destination-outbound-socket-binding=meshgate-broker:add(host=127.0.0.1, port=61616)"));
        assertTrue(script.contains("pooled-connection-factory=meshgate-ra:add(connectors=[meshgate-broker], ha=false,"));
        assertFalse(script.contains("meshgate-broker-backup"));
    }

    @Test
    void anHaPairAddsTheBackupsConnectorAndTurnsHaOn() throws IOException {
        String script = node(61617, false).configureScript();

        assertTrue(script.contains("meshgate-broker-backup:add(host=127.0.0.1, port=61617)"));
        assertTrue(script.contains("connectors=[meshgate-broker, meshgate-broker-backup], ha=true,"));
    }

    @Test
    void everyCommandOfAnHaPairsScriptRunsInsideTheEmbeddedServer() throws IOException {
        List<String> commands = node(61617, true).configureScript().lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        assertTrue(commands.get(0).startsWith("embed-server "), commands.get(0));
        assertEquals("stop-embedded-server", commands.get(commands.size() - 1));
    }

    @Test
    void theFactoryUsesArtemis2AddressesAsThePayaraNodesDo() throws IOException {
        assertTrue(node(0, false).configureScript().contains("enable-amq1-prefix=false"));
    }

    @Test
    void aSecureNodeListensWithTls13AndRequiresAClientCertificate() throws IOException {
        String script = node(0, true).configureScript();

        assertTrue(script.contains("protocols=[TLSv1.3]"));
        assertTrue(script.contains("need-client-auth=true"));
        assertTrue(script.contains("https-listener=https:write-attribute(name=ssl-context, value=meshgate-tls)"));
    }

    @Test
    void aPlainNodeHasNoHttpsListener() throws IOException {
        String script = node(0, false).configureScript();

        assertTrue(script.contains("https-listener=https:remove"));
        assertFalse(script.contains("meshgate-tls"));
    }

    @Test
    void jvmOptionsAreTheLinesThatAreNeitherBlankNorComments() {
        assertEquals(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dx=1"),
                WildFlyNode.jvmOptions("# why\n\n --add-opens=java.base/java.lang=ALL-UNNAMED \n-Dx=1\n"));
    }
}
