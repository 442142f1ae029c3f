package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.ClientSecurity;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.launcher.ServerKind;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.Json;
import io.meshgate.wire.SecureChannel;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secure channel between real clients and a real node started with
 * {@code meshgate.channel.mode=secure}: the handshake, sealed frames, and the exact close code of
 * each refusal. (TLS in front of it is tested separately.)
 */
class SecureChannelIT {

    private static LocalCluster cluster;
    private static LocalPki pki;
    private static ClusterState.Node node;
    private static URI socket;

    @BeforeAll
    static void secureNode() throws Exception {
        cluster = SharedCluster.get();
        pki = LocalPki.create(SharedCluster.home().resolve("target/it-cluster/pki"), List.of("node-secure"));
        node = cluster.startNode("node-secure", ServerKind.WILDFLY, Map.of(
                "meshgate.channel.mode", "secure",
                "meshgate.pki.ca", pki.caCert().toString(),
                "meshgate.pki.certificate", pki.nodeCert("node-secure").toString(),
                "meshgate.pki.key", pki.nodeKey("node-secure").toString(),
                "meshgate.pki.denyList", pki.denyList().toString(),
                "meshgate.channel.handshakeTimeoutMs", "1500",
                "meshgate.channel.requireTlsClientCertificate", "false",
                "meshgate.proxy.trusted", "192.0.2.1",
                "meshgate.session.maxInFlight", "4",
                "meshgate.session.maxFramesPerSecond", "20"));
        socket = cluster.nodeSocket(node.id());
    }

    @AfterAll
    static void stopNode() {
        cluster.stopNode(node.id());
    }

    @Test
    void callOverTheSecureChannelSucceeds() throws Exception {
        ClientSecurity security = ClientSecurity.fromPem(pki.caCert(), pki.clientCert(), pki.clientKey());
        try (MeshgateClient c = MeshgateClient.connect(socket, ClientOptions.builder().secure(security).build())) {
            Response r = Calls.call(c, "echo", "echo", "{\"secret\":\"payroll\"}", Duration.ofSeconds(10));
            assertTrue(r.ok(), () -> "call failed: " + r);
            assertEquals("payroll", r.result().get("secret").asText());
            assertEquals("node-secure", r.ingressNode());
            assertEquals(SecureChannel.SUITE, c.channelSuite());
        }
    }

    @Test
    void clientCertificateFromAnotherCaIsClosedWith4002() throws Exception {
        Credential stranger = CertificateAuthority.create("other root").issueClient("mallory", Duration.ofDays(1));
        try (RawSocket s = new RawSocket(socket)) {
            s.sendBinary(ClientChannels.bytes(one(ClientChannels.client(stranger, pki.caCert()).start())));
            assertEquals(4002, s.closeCode());
        }
    }

    @Test
    void clientOnTheDenyListIsClosedWith4002() throws Exception {
        LocalPki.ClientFiles revoked = pki.issueClient("revoked-" + System.nanoTime());
        ClientSecurity security = ClientSecurity.fromPem(pki.caCert(), revoked.cert(), revoked.key());
        Files.writeString(pki.denyList(), CertificateVerifier.fingerprint(security.credential().certificate()) + "\n",
                StandardOpenOption.APPEND);
        try (RawSocket s = new RawSocket(socket)) {
            s.sendBinary(ClientChannels.bytes(one(ClientChannels.client(security.credential(), pki.caCert()).start())));
            assertEquals(4002, s.closeCode());
        }
    }

    @Test
    void plainRequestOnASecureSessionIsClosedWith4004() throws Exception {
        try (RawSocket s = new RawSocket(socket)) {
            s.sendJson("{\"kind\":\"req\",\"id\":\"1\",\"service\":\"echo\",\"type\":\"echo\"}");
            assertEquals(4004, s.closeCode());
        }
    }

    @Test
    void handshakeNotFinishedInTimeIsClosedWith4003() throws Exception {
        try (RawSocket s = new RawSocket(socket)) {
            assertEquals(4003, s.closeCode());
            assertEquals("handshake not finished in time", s.closeReason(), "closed by the handshake timer");
        }
    }

    @Test
    void tamperedSealedFrameIsClosedWith4005() throws Exception {
        ClientSecurity security = ClientSecurity.fromPem(pki.caCert(), pki.clientCert(), pki.clientKey());
        SecureChannel channel = ClientChannels.client(security.credential(), pki.caCert());
        try (RawSocket s = new RawSocket(socket)) {
            handshake(s, channel);
            byte[] frame = ClientChannels.bytes(one(channel.seal(utf8("{\"kind\":\"req\",\"id\":\"1\",\"service\":\"echo\",\"type\":\"x\"}"))));
            frame[20] ^= 1;
            String rejected = "meshgate_protocol_errors_total{kind=\"FRAME_REJECTED\"}";
            long before = Calls.metric(List.of(node.url()), rejected);
            String handled = "meshgate_requests_received_total{service=\"echo\"}";
            long dispatched = Calls.metric(List.of(node.url()), handled);
            s.sendBinary(frame);
            assertEquals(4005, s.closeCode());
            assertEquals(before + 1, Calls.metric(List.of(node.url()), rejected), "the refusal was not counted");
            assertEquals(dispatched, Calls.metric(List.of(node.url()), handled), "the tampered request was dispatched");
        }
    }

    @Test
    void replayedSealedFrameIsClosedWith4005() throws Exception {
        ClientSecurity security = ClientSecurity.fromPem(pki.caCert(), pki.clientCert(), pki.clientKey());
        SecureChannel channel = ClientChannels.client(security.credential(), pki.caCert());
        try (RawSocket s = new RawSocket(socket)) {
            handshake(s, channel);
            byte[] frame = ClientChannels.bytes(one(channel.seal(utf8("{\"kind\":\"req\",\"id\":\"1\",\"service\":\"echo\",\"type\":\"x\"}"))));
            s.sendBinary(frame);
            JsonNode res = Json.mapper().readTree(channel.open(ByteBuffer.wrap(s.nextRaw())).payload());
            assertEquals("res", res.get("kind").asText());
            s.sendBinary(frame);
            assertEquals(4005, s.closeCode());
        }
    }

    @Test
    void clientCertificateHeaderFromAnUntrustedAddressIsRefusedWith403() {
        java.util.concurrent.CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.CompletionException.class, () -> java.net.http.HttpClient.newHttpClient()
                        .newWebSocketBuilder().header("X-SSL-Client-Cert", "forged")
                        .buildAsync(socket, new java.net.http.WebSocket.Listener() { }).join());
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void sessionWithMoreRequestsInFlightThanAllowedIsClosedWith4006() throws Exception {
        ClientSecurity security = ClientSecurity.fromPem(pki.caCert(), pki.clientCert(), pki.clientKey());
        try (MeshgateClient c = MeshgateClient.connect(socket, ClientOptions.builder().secure(security).build())) {
            List<java.util.concurrent.CompletableFuture<Response>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(c.call("work", "sleep", Calls.json("{\"delayMs\":3000}"), Duration.ofSeconds(10))
                        .toCompletableFuture());
            }
            assertEquals(4006, c.closed().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS));
            for (var f : calls) {
                assertEquals(MeshgateClient.DISCONNECTED, f.get(10, java.util.concurrent.TimeUnit.SECONDS).errorCode());
            }
        }
    }

    @Test
    void sessionSendingFramesFasterThanAllowedIsClosedWith4007() throws Exception {
        ClientSecurity security = ClientSecurity.fromPem(pki.caCert(), pki.clientCert(), pki.clientKey());
        SecureChannel channel = ClientChannels.client(security.credential(), pki.caCert());
        try (RawSocket s = new RawSocket(socket)) {
            handshake(s, channel);
            for (int i = 0; i < 60; i++) {
                s.sendBinary(ClientChannels.bytes(one(channel.seal(utf8("{\"kind\":\"push\",\"topic\":\"x\"}")))));
            }
            assertEquals(4007, s.closeCode());
        }
    }

    /** Runs the handshake over a raw socket and reads the sealed hello. */
    private static void handshake(RawSocket s, SecureChannel channel) throws Exception {
        s.sendBinary(ClientChannels.bytes(one(channel.start())));
        FrameLayer.Inbound serverHello = channel.open(ByteBuffer.wrap(s.nextRaw()));
        s.sendBinary(ClientChannels.bytes(one(serverHello.replies())));
        assertTrue(channel.open(ByteBuffer.wrap(s.nextRaw())).established());
        JsonNode hello = Json.mapper().readTree(channel.open(ByteBuffer.wrap(s.nextRaw())).payload());
        assertEquals("hello", hello.get("kind").asText());
    }

    private static ByteBuffer one(List<ByteBuffer> frames) {
        assertEquals(1, frames.size());
        return frames.get(0);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
