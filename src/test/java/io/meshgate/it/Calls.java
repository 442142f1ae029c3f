package io.meshgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
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

    /** The sum over nodes of one metric line's value (0 where absent). */
    static long metric(Iterable<String> baseUrls, String key) throws IOException, InterruptedException {
        long sum = 0;
        for (String url : baseUrls) {
            for (String line : get(url, "/api/metrics").split("\n")) {
                if (line.startsWith(key + " ")) {
                    sum += Long.parseLong(line.substring(key.length() + 1).trim());
                }
            }
        }
        return sum;
    }

    /**
     * Waits (up to 60 s, reading the nodes' metrics every 50 ms) until the sum of {@code key}
     * over the nodes satisfies {@code condition}.
     */
    static void awaitMetric(Iterable<String> baseUrls, String key, java.util.function.LongPredicate condition,
            String what) throws IOException, InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        long last = metric(baseUrls, key);
        while (!condition.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never " + what + ": " + key + " is " + last);
            }
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(50);
            last = metric(baseUrls, key);
        }
    }
}
