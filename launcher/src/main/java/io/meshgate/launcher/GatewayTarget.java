package io.meshgate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.MeshgateClient;
import io.meshgate.wire.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The full path: {@code sessions} Java-client sessions to the access point, requests spread over
 * them in turn, each an {@code echo} call with a JSON payload of the configured size.
 */
final class GatewayTarget implements LoadTarget {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final List<MeshgateClient> clients = new ArrayList<>();
    private final String service;
    private final JsonNode params;

    GatewayTarget(URI access, ClientOptions options, int sessions, String service, int payloadBytes) {
        this.service = service;
        this.params = payload(payloadBytes);
        try {
            for (int i = 0; i < sessions; i++) {
                clients.add(MeshgateClient.connect(access, options));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A JSON object of about {@code bytes} bytes: {"data":"xxxx..."}. */
    static JsonNode payload(int bytes) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("data", "x".repeat(Math.max(1, bytes - 11)));
        return o;
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public CompletionStage<String> call(long i) {
        MeshgateClient c = clients.get((int) (i % clients.size()));
        return c.call(service, "echo", params, CALL_TIMEOUT).handle((r, e) -> {
            if (e != null) {
                return "EXCEPTION";
            }
            return r.ok() ? null : r.errorCode();
        });
    }

    @Override
    public void close() {
        clients.forEach(MeshgateClient::close);
    }
}
