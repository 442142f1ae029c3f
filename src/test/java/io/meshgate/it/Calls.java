package io.meshgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.launcher.ClusterState;
import io.meshgate.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small helpers shared by the cluster tests. */
final class Calls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Calls() {
    }

    static MeshgateClient connect(URI uri) {
        return MeshgateClient.connect(uri, ClientOptions.defaults());
    }

    /** A client that does not resume its session when the connection drops. */
    static MeshgateClient connectWithoutResume(URI uri) {
        return MeshgateClient.connect(uri, ClientOptions.builder().resume(false, Duration.ZERO).build());
    }

    static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    static Response call(MeshgateClient c, String service, String type, String params, Duration timeout)
            throws IOException {
        return c.call(service, type, json(params), timeout).toCompletableFuture().join();
    }

    /** GETs a node's URL path and parses the JSON answer. */
    static JsonNode getJson(String baseUrl, String path) throws IOException, InterruptedException {
        return json(get(baseUrl, path));
    }

    static String get(String baseUrl, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum over nodes of one metric line's value (0 where absent); Prometheus writes values as doubles. */
    static long metric(Iterable<String> baseUrls, String key) throws IOException, InterruptedException {
        long sum = 0;
        for (String url : baseUrls) {
            for (String line : get(url, "/api/metrics").split("\n")) {
                if (line.startsWith(key + " ")) {
                    sum += (long) Double.parseDouble(line.substring(key.length() + 1).trim());
                }
            }
        }
        return sum;
    }

    /**
     * Waits until the sum of {@code key} over the cluster's nodes satisfies {@code condition},
     * reading the metrics again at each control-topic message (every node's heartbeat).
     */
    static void awaitMetric(ClusterState cluster, String key, java.util.function.LongPredicate condition,
            String what) throws Exception {
        java.util.List<String> nodes = cluster.nodes().stream().map(ClusterState.Node::url).toList();
        try (ControlTopic control = ControlTopic.of(cluster)) {
            control.awaitUntil(() -> condition.test(metric(nodes, key)), what + " (" + key + ")");
        }
    }
}
