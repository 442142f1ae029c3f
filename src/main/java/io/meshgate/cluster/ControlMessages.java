package io.meshgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.EnvelopeException;
import io.meshgate.wire.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The envelopes of the control topic: a node coming up, its heartbeat and its departure. All three
 * carry the node's status as JSON data; the CloudEvents type says which it is. The data's fields:
 * {@code services}, {@code inFlight}, {@code capacity}, {@code sessions}, and those of its
 * {@link NodeReport}. A reader ignores fields it does not know and takes a missing one as not
 * told, so nodes of different versions share the topic.
 */
public final class ControlMessages {

    /** A node has started and joined. */
    public static final String UP = "io.meshgate.node.up";
    /** A node is alive; sent every heartbeat interval. */
    public static final String HEARTBEAT = "io.meshgate.node.heartbeat";
    /** A node is leaving in an orderly way. */
    public static final String DOWN = "io.meshgate.node.down";

    private ControlMessages() {
    }

    /** The envelope announcing a node's status under one of the three types. */
    public static Envelope of(String type, NodeStatus s) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.putPOJO("services", s.services());
        data.put("inFlight", s.inFlight()).put("capacity", s.capacity()).put("sessions", s.sessions());
        s.report().writeTo(data);
        try {
            return new Envelope(UUID.randomUUID().toString(), "/meshgate/node/" + s.nodeId(), type, s.nodeId(),
                    s.seenAt(), "application/json", Map.of(), Json.mapper().writeValueAsBytes(data));
        } catch (IOException e) {
            throw new EnvelopeException("cannot write node status: " + e.getMessage());
        }
    }

    /** The status an envelope carries, stamped with the time it was received. */
    public static NodeStatus statusOf(Envelope e, Instant receivedAt) {
        if (e.subject() == null) {
            throw new EnvelopeException("control message without subject (node id)");
        }
        JsonNode data;
        try {
            data = Json.mapper().readTree(e.data());
        } catch (IOException ex) {
            throw new EnvelopeException("control message data is not JSON");
        }
        List<String> services = new ArrayList<>();
        data.path("services").forEach(n -> services.add(n.asText()));
        return new NodeStatus(e.subject(), services, data.path("inFlight").asInt(), data.path("capacity").asInt(),
                data.path("sessions").asInt(), receivedAt, NodeReport.readFrom(data));
    }
}
