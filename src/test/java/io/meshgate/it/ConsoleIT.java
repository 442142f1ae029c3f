package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.ClientSecurity;
import io.meshgate.client.MeshgateClient;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operators' console on the shared secure cluster behind nginx, as {@code bin/meshgate up}
 * configures it: the default client certificate is the operator. The page and its JSON come
 * through nginx and from a node's own TLS listener; the JSON lists every node of the cluster and
 * what clients did; any other certificate gets 403; {@code status --json} names the console.
 */
class ConsoleIT {

    private static LocalCluster cluster;
    private static LocalPki pki;
    private static HttpClient operator;
    private static HttpClient visitor;
    private static URI console;

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedSecureCluster.get();
        pki = cluster.pki();
        operator = HttpClient.newBuilder().sslContext(operatorSecurity().tlsContext()).build();
        LocalPki.ClientFiles other = pki.issueClient("visitor-" + System.nanoTime());
        visitor = HttpClient.newBuilder().sslContext(ClientSecurity.fromPem(pki.caCert(), other.cert(), other.key())
                .tlsContext()).build();
        console = URI.create(cluster.state().consoleUrl());
    }

    @Test
    void operatorGetsTheConsolePageThroughNginx() throws Exception {
        HttpResponse<String> page = get(operator, console);

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<table id=\"nodes\""), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }

    @Test
    void theConsolesScriptAndVendoredChartLibraryAreServedAsJavaScript() throws Exception {
        for (String file : new String[] {"console.js", "vendor/uplot/uPlot.esm.js"}) {
            HttpResponse<String> r = get(operator, console.resolve(file));

            assertEquals(200, r.statusCode(), file);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), file);
        }
    }

    @Test
    void operatorsJsonListsEveryNodeOfTheClusterThroughNginx() throws Exception {
        JsonNode view = awaitView(operator, api(console), v -> nodeIds(v).equals(allNodes())
                && allReady(v));

        for (JsonNode n : view.path("nodes")) {
            assertEquals("ready", n.path("status").asText(), n.toString());
            assertTrue(n.path("uptimeMs").asLong() > 0, n.toString());
            assertTrue(n.path("services").toString().contains("\"echo\""), n.toString());
            assertEquals(64, n.path("capacity").asInt(), n.toString());
        }
    }

    @Test
    void operatorsJsonFromANodesOwnTlsListenerListsEveryNode() throws Exception {
        URI direct = URI.create(cluster.node("node-2").tlsUrl() + "/console/api/cluster");

        JsonNode view = awaitView(operator, direct, v -> nodeIds(v).equals(allNodes()));

        assertEquals("node-2", view.path("servedBy").asText());
    }

    @Test
    void callsShowUpInTheServicesCountsAndProtocolErrorsInTheList() throws Exception {
        try (MeshgateClient c = MeshgateClient.connect(cluster.accessPoint(),
                ClientOptions.builder().secure(operatorSecurity()).build())) {
            for (int i = 0; i < 20; i++) {
                assertTrue(Calls.call(c, "echo", "echo", "{\"i\":" + i + "}", Duration.ofSeconds(10)).ok());
            }
        }
        try (RawSocket s = new RawSocket(cluster.accessPoint(), operator, Map.of())) {
            s.sendText("not a frame");
            assertEquals(1007, s.closeCode());
        }

        JsonNode view = awaitView(operator, api(console), v -> service(v, "echo").path("requestsTotal").asLong() >= 20
                && v.path("protocolErrors").toString().contains("text messages are not accepted"));

        assertEquals("MALFORMED_FRAME", view.path("protocolErrors").get(0).path("kind").asText());
    }

    @Test
    void aClientCertificateThatIsNoOperatorsGets403ForThePage() throws Exception {
        HttpResponse<String> page = get(visitor, console);

        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("is not an operator; name it in meshgate.console.operators"), page.body());
    }

    @Test
    void aClientCertificateThatIsNoOperatorsGets403ForTheJson() throws Exception {
        HttpResponse<String> r = get(visitor, api(console));

        assertEquals(403, r.statusCode());
        assertEquals("forbidden", Json.mapper().readTree(r.body()).path("error").asText());
    }

    @Test
    void aClientCertificateThatIsNoOperatorsGets403OnANodesOwnListener() throws Exception {
        assertEquals(403, get(visitor, URI.create(cluster.node("node-1").tlsUrl() + "/console/")).statusCode());
    }

    @Test
    void aNodesOwnListenerSpeaksHttp11EvenToAClientThatOffersHttp2() throws Exception {
        HttpResponse<String> r = get(operator, URI.create(cluster.node("node-1").tlsUrl() + "/console/"));

        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
    }

    @Test
    void aRequestWithoutTlsToANodeGets403() throws Exception {
        HttpResponse<String> r = get(HttpClient.newHttpClient(), URI.create(cluster.node("node-1").url() + "/console/"));

        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("the console needs a client certificate verified by TLS"), r.body());
    }

    @Test
    void statusJsonNamesTheConsoleThroughTheAccessPoint() throws Exception {
        ProcessBuilder b = new ProcessBuilder(SharedCluster.home().resolve("bin/meshgate").toString(), "status", "--json");
        b.environment().put("MESHGATE_RUN_DIR", SharedSecureCluster.runDir().toString());
        Process status = b.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.waitFor(60, TimeUnit.SECONDS));

        JsonNode json = Json.mapper().readTree(out);

        String accessPoint = json.path("accessPoint").asText();
        assertEquals(accessPoint.replace("wss://", "https://").replace("/ws", "/console/"), json.path("console").asText());
        assertEquals(console.toString(), json.path("console").asText());
    }

    private static ClientSecurity operatorSecurity() throws IOException {
        return ClientSecurity.fromPem(pki.caCert(), pki.clientCert(), pki.clientKey());
    }

    private static URI api(URI consoleUrl) {
        return consoleUrl.resolve("api/cluster");
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the console's JSON until it shows what the test waits for, again at each heartbeat (which changes it). */
    private static JsonNode awaitView(HttpClient http, URI uri, Predicate<JsonNode> shows) throws Exception {
        JsonNode[] view = new JsonNode[1];
        try (ControlTopic control = ControlTopic.of(cluster.state())) {
            control.awaitUntil(() -> {
                HttpResponse<String> r = get(http, uri);
                assertEquals(200, r.statusCode(), r.body());
                view[0] = Json.mapper().readTree(r.body());
                return shows.test(view[0]);
            }, "the console shows what the test waits for (last seen: " + uri + ")");
        }
        return view[0];
    }

    private static Set<String> nodeIds(JsonNode view) {
        Set<String> ids = new TreeSet<>();
        view.path("nodes").forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    private static boolean allReady(JsonNode view) {
        Set<String> states = new HashSet<>();
        view.path("nodes").forEach(n -> states.add(n.path("status").asText()));
        return states.equals(Set.of("ready"));
    }

    private static JsonNode service(JsonNode view, String id) {
        for (JsonNode s : view.path("services")) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        return Json.mapper().missingNode();
    }

    private static Set<String> allNodes() {
        return cluster.state().nodes().stream().map(ClusterState.Node::id).collect(java.util.stream.Collectors.toSet());
    }
}
