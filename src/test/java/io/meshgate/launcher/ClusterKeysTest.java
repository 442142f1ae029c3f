package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.pki.PemFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterKeysTest {

    @TempDir
    Path runDir;

    @Test
    void aPlainClusterRunsThePlainChannelWithoutPkiOrKeyStores() throws Exception {
        ClusterKeys keys = ClusterKeys.create(runDir, false, List.of("node-1"));

        assertNull(keys.pki());
        assertNull(keys.state());
        assertEquals(Map.of("meshgate.channel.mode", "plain"), keys.channelConfig("node-1"));
        assertEquals(new ClusterKeys.NodeTls("", List.of()), keys.writeNodeStores("node-1", runDir));
    }

    @Test
    void aSecureClustersNodesRunTheSecureChannelWithThePkisFiles() throws Exception {
        ClusterKeys keys = ClusterKeys.create(runDir, true, List.of("node-1"));

        Map<String, String> config = keys.channelConfig("node-1");

        assertEquals("secure", config.get("meshgate.channel.mode"));
        assertEquals(keys.pki().nodeCert("node-1").toString(), config.get("meshgate.pki.certificate"));
        assertEquals(keys.pki().denyList().toString(), config.get("meshgate.pki.denyList"));
        assertEquals(keys.pki().caCert().toString(), keys.state().caCert());
    }

    @Test
    void aNodesKeyStoreHoldsItsCredentialUnderItsNameAndItsTrustStoreTheRoot() throws Exception {
        ClusterKeys keys = ClusterKeys.create(runDir, true, List.of("node-1"));

        ClusterKeys.NodeTls tls = keys.writeNodeStores("node-1", runDir);

        assertEquals("meshgate-node-node-1", tls.alias());
        assertEquals(PemFiles.readCertificate(keys.pki().nodeCert("node-1")),
                load(runDir.resolve("tls-keys.p12")).getCertificate(tls.alias()));
        assertEquals(PemFiles.readCertificate(keys.pki().caCert()),
                load(runDir.resolve("tls-trust.p12")).getCertificate("meshgate-root"));
        assertTrue(tls.jvmOptions().contains("-Djavax.net.ssl.trustStore=" + runDir.resolve("tls-trust.p12")));
    }

    @Test
    void aNodeAddedLaterGetsACertificateFromTheSameCa() throws Exception {
        ClusterKeys keys = ClusterKeys.create(runDir, true, List.of("node-1"));
        byte[] ca = Files.readAllBytes(keys.pki().caCert());

        keys.addNode("node-late");

        assertTrue(Files.isRegularFile(keys.pki().nodeCert("node-late")));
        assertArrayEquals(ca, Files.readAllBytes(keys.pki().caCert()));
    }

    @Test
    void theResumeKeyIs32OwnerOnlyBytesMadeOnce() throws Exception {
        ClusterKeys keys = ClusterKeys.create(runDir, false, List.of());

        Path key = keys.resumeKey();
        byte[] first = Files.readAllBytes(key);

        assertEquals(runDir.resolve("resume.key"), key);
        assertEquals(32, first.length);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
        assertArrayEquals(first, Files.readAllBytes(keys.resumeKey()));
    }

    @Test
    void theBrokerPasswordIs32RandomBytesAsOwnerOnlyUnpaddedBase64UrlMadeOnce() throws Exception {
        Path file = ClusterKeys.writeBrokerPassword(runDir.resolve("broker.password"));
        String first = Files.readString(file);

        assertEquals(43, first.length());
        assertEquals(32, Base64.getUrlDecoder().decode(first).length);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(first, Files.readString(ClusterKeys.writeBrokerPassword(file)));
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }
}
