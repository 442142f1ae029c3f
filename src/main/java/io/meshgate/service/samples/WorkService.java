package io.meshgate.service.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.service.MeshService;
import io.meshgate.service.ServiceCall;
import io.meshgate.service.ServiceHandler;
import io.meshgate.wire.MeshgateException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synthetic work for load and failure tests. Params (all optional): {@code cpuMs} (busy CPU time,
 * at most 10,000), {@code delayMs} (sleep, at most 60,000), {@code fail} (a message: the handler
 * throws with it). Answers {@code cpuMs}, {@code delayMs} and the checksum of its busy loop.
 */
@ApplicationScoped
@MeshService(value = "work", consumers = 16)
public class WorkService implements ServiceHandler {

    @Inject
    ExecutionJournal journal;

    @Override
    public Object handle(ServiceCall call) throws InterruptedException {
        journal.ran(call);
        JsonNode p = call.params();
        if (p.hasNonNull("fail")) {
            throw new IllegalStateException(p.get("fail").asText());
        }
        long cpuMs = bounded(p, "cpuMs", 10_000);
        long delayMs = bounded(p, "delayMs", 60_000);
        long checksum = spin(cpuMs);
        if (delayMs > 0) {
            Thread.sleep(delayMs);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cpuMs", cpuMs);
        result.put("delayMs", delayMs);
        result.put("checksum", checksum);
        return result;
    }

    private static long bounded(JsonNode p, String field, long max) {
        JsonNode n = p.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.canConvertToLong() || n.longValue() < 0 || n.longValue() > max) {
            throw MeshgateException.badRequest(field + " must be an integer between 0 and " + max);
        }
        return n.longValue();
    }

    private static long spin(long cpuMs) {
        long end = System.nanoTime() + cpuMs * 1_000_000;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x;
    }
}
