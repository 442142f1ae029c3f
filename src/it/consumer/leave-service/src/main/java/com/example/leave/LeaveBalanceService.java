package com.example.leave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.service.MeshService;
import io.meshgate.service.ServiceCall;
import io.meshgate.service.ServiceHandler;
import io.meshgate.wire.MeshgateException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A team's own service: the days of leave an employee has left, from the year's entitlement and
 * the days taken. Operation {@code balance}, params {@code {"employee": "E-1", "entitlement": 25,
 * "taken": [3, 2]}}; answer {@code {"employee": "E-1", "remaining": 20}}.
 */
@ApplicationScoped
@MeshService("leave")
public class LeaveBalanceService implements ServiceHandler {

    @Override
    public Object handle(ServiceCall call) {
        if (!"balance".equals(call.operation())) {
            throw MeshgateException.badRequest("leave has no operation '" + call.operation() + "'");
        }
        JsonNode params = call.params();
        if (!params.path("employee").isTextual() || !params.path("entitlement").canConvertToInt()) {
            throw MeshgateException.badRequest("balance needs employee (text) and entitlement (a whole number)");
        }
        int remaining = params.get("entitlement").asInt();
        for (JsonNode days : params.path("taken")) {
            remaining -= days.asInt();
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("employee", params.get("employee").asText());
        answer.put("remaining", remaining);
        return answer;
    }
}
