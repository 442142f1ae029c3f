package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.client.ClientSecurity;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.launcher.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Origin allowlist on a secure node behind nginx, with the default configuration (the access
 * point's own origin): a page of another origin gets 403 before any handshake, through nginx and
 * on the node's own TLS listener alike; the own origin and a request without Origin get their
 * WebSocket.
 */
class OriginIT {

    private static LocalCluster cluster;
    private static HttpClient http;
    private static URI access;
    private static URI direct;

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedSecureCluster.get();
        LocalPki pki = cluster.pki();
        http = HttpClient.newBuilder().sslContext(ClientSecurity.fromPem(pki.caCert(), pki.clientCert(),
                pki.clientKey()).tlsContext()).build();
        access = cluster.accessPoint();
        direct = cluster.nodeSocket("node-1");
    }

    @Test
    void foreignOriginGets403ThroughNginx() {
        assertEquals(403, refusedUpgrade(access, "https://evil.example"));
    }

    @Test
    void accessPointsOwnOriginOnAnotherPortGets403ThroughNginx() {
        assertEquals(403, refusedUpgrade(access, "https://127.0.0.1:1"));
    }

    @Test
    void accessPointsOwnOriginOpensAWebSocketThroughNginx() {
        assertOpens(access, Map.of("Origin", originOf(access)));
    }

    @Test
    void upgradeWithoutOriginOpensAWebSocketThroughNginx() {
        assertOpens(access, Map.of());
    }

    @Test
    void foreignOriginGets403OnTheNodesOwnListener() {
        assertEquals(403, refusedUpgrade(direct, "https://evil.example"));
    }

    @Test
    void foreignOriginGets403OnTheWildFlyNodesOwnListener() {
        assertEquals(403, refusedUpgrade(cluster.nodeSocket("node-2"), "https://evil.example"));
    }

    @Test
    void wildFlyNodesOwnOriginOpensAWebSocketOnItsListener() {
        URI wildFly = cluster.nodeSocket("node-2");

        assertOpens(wildFly, Map.of("Origin", originOf(wildFly)));
    }

    @Test
    void nginxsOriginGets403OnTheNodesOwnListener() {
        assertEquals(403, refusedUpgrade(direct, originOf(access)));
    }

    @Test
    void nodesOwnOriginOpensAWebSocketOnItsListener() {
        assertOpens(direct, Map.of("Origin", originOf(direct)));
    }

    private static String originOf(URI socket) {
        return "https://" + socket.getHost() + ":" + socket.getPort();
    }

    private static void assertOpens(URI uri, Map<String, String> headers) {
        WebSocket.Builder b = http.newWebSocketBuilder();
        headers.forEach(b::header);
        WebSocket ws = b.buildAsync(uri, new WebSocket.Listener() { }).join();
        assertTrue(!ws.isInputClosed(), "socket open");
        ws.abort();
    }

    private static int refusedUpgrade(URI uri, String origin) {
        CompletionException e = assertThrows(CompletionException.class, () -> http.newWebSocketBuilder()
                .header("Origin", origin).buildAsync(uri, new WebSocket.Listener() { }).join());
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.getCause().toString());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
}
