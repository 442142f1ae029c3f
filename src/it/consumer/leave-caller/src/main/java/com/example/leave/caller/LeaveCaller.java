package com.example.leave.caller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.ClientSecurity;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks the leave service for one employee's balance and prints each answer as one line of JSON.
 * Arguments: the access point (wss://...), then the PKI folder holding ca.pem, client.pem and
 * client-key.pem (as bin/meshgate pki writes it), then the employee, the entitlement and the days
 * taken. Exits 0 when the service answered, 1 with its error otherwise.
 */
public final class LeaveCaller {

    private LeaveCaller() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LeaveCaller <wss://access point> <pki folder> <employee> <entitlement> [days taken...]");
            System.exit(2);
        }
        Path pki = Path.of(args[1]);
        ClientSecurity security = ClientSecurity.fromPem(pki.resolve("ca.pem"), pki.resolve("client.pem"),
                pki.resolve("client-key.pem"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode params = json.createObjectNode().put("employee", args[2]).put("entitlement", Integer.parseInt(args[3]));
        for (int i = 4; i < args.length; i++) {
            params.withArray("taken").add(Integer.parseInt(args[i]));
        }
        try (MeshgateClient client = MeshgateClient.connect(URI.create(args[0]),
                ClientOptions.builder().secure(security).build())) {
            Response answer = client.call("leave", "balance", params, Duration.ofSeconds(10))
                    .toCompletableFuture().get(20, TimeUnit.SECONDS);
            System.out.println(json.writeValueAsString(answer));
            System.exit(answer.ok() ? 0 : 1);
        }
    }
}
