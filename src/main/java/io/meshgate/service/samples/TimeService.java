package io.meshgate.service.samples;

import io.meshgate.service.MeshService;
import io.meshgate.service.ServiceCall;
import io.meshgate.service.ServiceHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tells the processing node's clock: {@code epochMs} and {@code iso}. */
@ApplicationScoped
@MeshService("time")
public class TimeService implements ServiceHandler {

    @Override
    public Object handle(ServiceCall call) {
        Instant now = Instant.now();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("epochMs", now.toEpochMilli());
        result.put("iso", now.toString());
        return result;
    }
}
