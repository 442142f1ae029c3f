package io.meshgate.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per service, what clients of this node (the ingress node) saw: how many requests ended, with
 * which outcome, and how long each took from its arrival to its answer. {@link #interval()} takes
 * what happened since its previous call (one caller: the heartbeat) together with the totals since
 * start. At most {@value #MAX_SERVICES} services are kept apart; the rest are counted under
 * {@value #OTHER}, so that names a client makes up cannot grow the table. Recording is thread-safe
 * and lock-free (a map look-up, adders, a {@link Recorder}).
 */
public final class RequestStats {

    /** How many services are counted apart. */
    public static final int MAX_SERVICES = 64;
    /** Where requests for services beyond {@link #MAX_SERVICES} are counted. */
    public static final String OTHER = "(other)";
    /** The outcome of a request answered with a result. */
    public static final String OK = "ok";
    /** The longest latency told apart (longer ones count as this): twice the longest request timeout. */
    static final long HIGHEST_MICROS = 600_000_000L;

    private final Map<String, PerService> services = new ConcurrentHashMap<>();

    /** What one service saw in one interval, and in total. */
    public record ServiceInterval(String service, long requests, Map<String, Long> errors, long requestsTotal,
                                  Map<String, Long> errorsTotal, Histogram latencyMicros) {
        public ServiceInterval {
            errors = Map.copyOf(errors);
            errorsTotal = Map.copyOf(errorsTotal);
        }
    }

    /**
     * Records one request that ended.
     *
     * @param outcome {@value #OK} or the error code
     */
    public void record(String service, String outcome, long latencyMicros) {
        PerService s = services.get(service);
        if (s == null) {
            s = services.size() < MAX_SERVICES ? services.computeIfAbsent(service, k -> new PerService())
                    : services.computeIfAbsent(OTHER, k -> new PerService());
        }
        s.record(outcome, latencyMicros);
    }

    /** What each service saw since the previous call, by service name; services with no request ever are left out. */
    public synchronized List<ServiceInterval> interval() {
        List<ServiceInterval> out = new ArrayList<>();
        new TreeMap<>(services).forEach((name, s) -> out.add(s.interval(name)));
        return out;
    }

    private static final class PerService {
        private final LongAdder requests = new LongAdder();
        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        private final Recorder latency = new Recorder(1, HIGHEST_MICROS, 2);
        private long requestsSeen;
        private final Map<String, Long> errorsSeen = new TreeMap<>();

        void record(String outcome, long micros) {
            requests.increment();
            if (!OK.equals(outcome)) {
                outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
            }
            latency.recordValue(Math.max(1, Math.min(micros, HIGHEST_MICROS)));
        }

        /** Called under the owner's lock. */
        ServiceInterval interval(String name) {
            long total = requests.sum();
            long n = total - requestsSeen;
            requestsSeen = total;
            Map<String, Long> errorsTotal = new TreeMap<>();
            Map<String, Long> errors = new TreeMap<>();
            outcomes.forEach((code, count) -> {
                long t = count.sum();
                errorsTotal.put(code, t);
                long d = t - errorsSeen.getOrDefault(code, 0L);
                if (d > 0) {
                    errors.put(code, d);
                }
                errorsSeen.put(code, t);
            });
            return new ServiceInterval(name, n, errors, total, errorsTotal, latency.getIntervalHistogram());
        }
    }
}
