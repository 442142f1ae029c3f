package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.client.ClientOptions;
import io.meshgate.client.ClientSecurity;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.wire.SecureChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secure cluster as {@code bin/meshgate up} runs it: a broker, three nodes running the secure
 * channel, and nginx terminating TLS 1.3 with client certificates in front of them.
 */
class SecureClusterIT {

    private static LocalCluster cluster;
    private static LocalPki pki;
    private static URI access;

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedSecureCluster.get();
        pki = cluster.pki();
        access = cluster.accessPoint();
    }

    @Test
    void callsThroughNginxRunOverTls13AndTheSealedChannelOnEveryNode() throws Exception {
        Set<String> processors = new HashSet<>();
        try (MeshgateClient c = MeshgateClient.connect(access, ClientOptions.builder().secure(defaultClient()).build())) {
            assertTrue(access.getScheme().equals("wss"));
            assertTrue(c.tlsSuite().startsWith("TLSv1.3 "), c.tlsSuite());
            assertEquals(SecureChannel.SUITE, c.channelSuite());
            for (int i = 0; i < 30; i++) {
                Response r = Calls.call(c, "echo", "echo", "{\"i\":" + i + "}", Duration.ofSeconds(10));
                assertTrue(r.ok(), () -> "call failed: " + r);
                processors.add(r.processedBy());
            }
        }
        assertTrue(processors.size() > 1, "all 30 calls ran on " + processors);
    }

    @Test
    void tls12IsRefused() {
        HttpClient tls12 = HttpClient.newBuilder().sslContext(defaultClient().tlsContext())
                .sslParameters(new SSLParameters(null, new String[] {"TLSv1.2"})).build();

        Exception e = assertThrows(Exception.class, () -> tls12.send(HttpRequest.newBuilder(httpsUrl()).build(),
                HttpResponse.BodyHandlers.discarding()));

        assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
    }

    @Test
    void connectionWithoutAClientCertificateGetsNoWebSocket() throws Exception {
        ClientSecurity trustOnly = defaultClient();
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", trustOnly.serverVerifier().trustedRoot());
        tmf.init(ks);
        javax.net.ssl.SSLContext noCert = javax.net.ssl.SSLContext.getInstance("TLS");
        noCert.init(null, tmf.getTrustManagers(), null);

        assertEquals(400, upgradeStatus(HttpClient.newBuilder().sslContext(noCert).build()));
    }

    @Test
    void clientCertificateFromAnotherCaGetsNoWebSocket() throws Exception {
        Credential stranger = CertificateAuthority.create("other root").issueClient("mallory", Duration.ofDays(1));
        ClientSecurity mallory = new ClientSecurity(stranger, defaultClient().serverVerifier());

        assertEquals(400, upgradeStatus(HttpClient.newBuilder().sslContext(mallory.tlsContext()).build()));
    }

    @Test
    void expiredClientCertificateGetsNoWebSocket() throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(pki.caCert(), pki.caKey());
        Credential expired = ca.issue("old", java.util.List.of(Usage.CLIENT_AUTH),
                java.time.Instant.now().minus(Duration.ofDays(10)), java.time.Instant.now().minus(Duration.ofDays(1)),
                java.util.List.of(), java.util.List.of());
        ClientSecurity old = new ClientSecurity(expired, defaultClient().serverVerifier());

        assertEquals(400, upgradeStatus(HttpClient.newBuilder().sslContext(old.tlsContext()).build()));
    }

    @Test
    void clientOnTheDenyListPassesTlsButIsClosedWith4002() throws Exception {
        LocalPki.ClientFiles files = pki.issueClient("leaver-" + System.nanoTime());
        ClientSecurity leaver = ClientSecurity.fromPem(pki.caCert(), files.cert(), files.key());
        Files.writeString(pki.denyList(), CertificateVerifier.fingerprint(leaver.credential().certificate()) + "\n",
                StandardOpenOption.APPEND);
        try (RawSocket s = new RawSocket(access, HttpClient.newBuilder().sslContext(leaver.tlsContext()).build(),
                Map.of())) {
            s.sendBinary(ClientChannels.bytes(ClientChannels.client(leaver.credential(), pki.caCert()).start().get(0)));
            assertEquals(4002, s.closeCode());
        }
    }

    @Test
    void handshakeWithACertificateOtherThanTheTlsOneIsClosedWith4002() throws Exception {
        LocalPki.ClientFiles other = pki.issueClient("other-" + System.nanoTime());
        Credential appIdentity = ClientSecurity.fromPem(pki.caCert(), other.cert(), other.key()).credential();
        try (RawSocket s = new RawSocket(access, HttpClient.newBuilder().sslContext(defaultClient().tlsContext())
                .build(), Map.of())) {
            s.sendBinary(ClientChannels.bytes(ClientChannels.client(appIdentity, pki.caCert()).start().get(0)));
            assertEquals(4002, s.closeCode());
        }
    }

    @Test
    void nodesOwnTlsListenerServesTheSecureChannelWithChannelBinding() throws Exception {
        URI direct = cluster.nodeSocket("node-2");
        assertEquals("wss", direct.getScheme());
        try (MeshgateClient c = MeshgateClient.connect(direct, ClientOptions.builder().secure(defaultClient()).build())) {
            Response r = Calls.call(c, "echo", "echo", "{\"direct\":true}", Duration.ofSeconds(10));
            assertTrue(r.ok(), () -> "call failed: " + r);
            assertEquals("node-2", r.ingressNode());
            assertTrue(c.tlsSuite().startsWith("TLSv1.3 "), c.tlsSuite());
        }
    }

    @Test
    void concurrentHandshakesWithDifferentCertificatesEachKeepTheirOwnThroughNginxAndOnTheWildFlyNode()
            throws Exception {
        List<ClientSecurity> clients = new ArrayList<>();
        for (String name : List.of("alice-", "bob-")) {
            LocalPki.ClientFiles f = pki.issueClient(name + System.nanoTime());
            clients.add(ClientSecurity.fromPem(pki.caCert(), f.cert(), f.key()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                URI where = i % 4 < 2 ? access : cluster.nodeSocket("node-2");
                ClientSecurity security = clients.get(i % 2);
                calls.add(pool.submit(() -> {
                    // a session whose handshake saw another connection's certificate fails its channel binding
                    try (MeshgateClient c = MeshgateClient.connect(where, ClientOptions.builder().secure(security)
                            .build())) {
                        return Calls.call(c, "echo", "echo", "{}", Duration.ofSeconds(10));
                    }
                }));
            }
            for (Future<Response> f : calls) {
                Response r = f.get(60, TimeUnit.SECONDS);
                assertTrue(r.ok(), () -> "call failed: " + r);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nodesOwnTlsListenerRefusesTls12() {
        HttpClient tls12 = HttpClient.newBuilder().sslContext(defaultClient().tlsContext())
                .sslParameters(new SSLParameters(null, new String[] {"TLSv1.2"})).build();
        URI health = URI.create(cluster.node("node-1").tlsUrl() + "/health/ready");

        assertThrows(java.io.IOException.class, () -> tls12.send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void nodesOwnTlsListenerRefusesAConnectionWithoutAClientCertificate() throws Exception {
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", defaultClient().serverVerifier().trustedRoot());
        tmf.init(ks);
        javax.net.ssl.SSLContext noCert = javax.net.ssl.SSLContext.getInstance("TLS");
        noCert.init(null, tmf.getTrustManagers(), null);
        URI health = URI.create(cluster.node("node-1").tlsUrl() + "/health/ready");

        assertThrows(java.io.IOException.class, () -> HttpClient.newBuilder().sslContext(noCert).build()
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()));
    }

    private static int upgradeStatus(HttpClient http) {
        CompletionException e = assertThrows(CompletionException.class,
                () -> http.newWebSocketBuilder().buildAsync(access, new WebSocket.Listener() { }).join());
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.getCause().toString());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    private static ClientSecurity defaultClient() {
        try {
            return ClientSecurity.fromPem(pki.caCert(), pki.clientCert(), pki.clientKey());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static URI httpsUrl() {
        return URI.create(access.toString().replaceFirst("^wss", "https").replace("/ws", "/health/ready"));
    }
}
