package io.meshgate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SharedHttpClientsTest {

    private static final URI PLAIN = URI.create("ws://127.0.0.1:1/ws");
    private static final URI TLS = URI.create("wss://localhost:1/ws");
    private static ClientSecurity security;
    private static ClientSecurity nodeSecurity;
    private static final List<SSLServerSocket> servers = new ArrayList<>();

    @BeforeAll
    static void pki() {
        CertificateAuthority ca = CertificateAuthority.create("shared clients test root");
        CertificateVerifier verifier = new CertificateVerifier(ca.certificate());
        security = new ClientSecurity(ca.issueClient("client", Duration.ofDays(1)), verifier);
        Credential node = ca.issueNode("node-1", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
        nodeSecurity = new ClientSecurity(node, verifier);
    }

    @AfterAll
    static void stopServers() throws IOException {
        for (SSLServerSocket s : servers) {
            s.close();
        }
    }

    @Test
    void clientsWithEqualSettingsShareOneHttpClient() {
        ClientOptions options = ClientOptions.builder().secure(security).build();
        try (SharedHttpClients.Lease a = SharedHttpClients.lease(TLS, options);
             SharedHttpClients.Lease b = SharedHttpClients.lease(TLS, ClientOptions.builder().secure(security).build())) {
            assertSame(a.http(), b.http());
        }
    }

    @Test
    void otherTlsVersionsGetAnotherHttpClient() {
        try (SharedHttpClients.Lease a = SharedHttpClients.lease(TLS, ClientOptions.builder().secure(security).build());
             SharedHttpClients.Lease b = SharedHttpClients.lease(TLS,
                     ClientOptions.builder().secure(security).tlsProtocols("TLSv1.2").build())) {
            assertNotSame(a.http(), b.http());
        }
    }

    @Test
    void theLastLeaseGivenBackLetsTheSharedClientGoAndASecondGiveBackCountsNothing() {
        ClientOptions options = ClientOptions.builder().connectTimeout(Duration.ofMillis(1234)).build();
        int before = SharedHttpClients.inUse();
        SharedHttpClients.Lease a = SharedHttpClients.lease(PLAIN, options);
        SharedHttpClients.Lease b = SharedHttpClients.lease(PLAIN, options);
        a.close();
        a.close();
        assertEquals(before + 1, SharedHttpClients.inUse());
        b.close();
        assertEquals(before, SharedHttpClients.inUse());
        try (SharedHttpClients.Lease c = SharedHttpClients.lease(PLAIN, options)) {
            assertNotSame(b.http(), c.http());
        }
    }

    @Test
    void aWssAccessPointWithoutCredentialsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedHttpClients.lease(TLS, ClientOptions.defaults()));
        assertEquals("a wss:// access point needs ClientOptions.secure(...)", e.getMessage());
    }

    @Test
    void concurrentConnectsThroughOneHttpClientEachReportTheirOwnConnectionsSuite() throws Exception {
        String aes128 = "TLS_AES_128_GCM_SHA256";
        String aes256 = "TLS_AES_256_GCM_SHA384";
        URI first = webSocketServer(aes128);
        URI second = webSocketServer(aes256);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SharedHttpClients.Lease lease = SharedHttpClients.lease(first, ClientOptions.builder().secure(security).build())) {
            List<Future<String>> suites = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                URI target = i % 2 == 0 ? first : second;
                suites.add(pool.submit(() -> {
                    SharedHttpClients.Opened opened = lease.open(target, new WebSocket.Listener() { }).get();
                    opened.socket().abort();
                    return opened.tls().getSession().getCipherSuite();
                }));
            }
            for (int i = 0; i < suites.size(); i++) {
                assertEquals(i % 2 == 0 ? aes128 : aes256, suites.get(i).get(), "connect " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A TLS 1.3 server speaking one cipher suite that accepts every WebSocket upgrade and then holds the connection. */
    private static URI webSocketServer(String suite) throws IOException {
        SSLServerSocket server = (SSLServerSocket) nodeSecurity.tlsContext().getServerSocketFactory().createServerSocket(0);
        server.setEnabledProtocols(new String[] {"TLSv1.3"});
        server.setEnabledCipherSuites(new String[] {suite});
        servers.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> upgrade(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("wss://localhost:" + server.getLocalPort() + "/ws");
    }

    private static void upgrade(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String key = null;
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            byte[] accept = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(accept) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (s.getInputStream().read() != -1) {
                // hold the connection until the client drops it
            }
        } catch (Exception e) {
            // the client aborted the connection
        }
    }
}
