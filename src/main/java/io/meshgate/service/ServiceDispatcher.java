package io.meshgate.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.wire.Json;
import io.meshgate.wire.MeshgateException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a request envelope from a service topic and sees it to exactly one reply: drops it with
 * {@code TIMEOUT} when its deadline has passed (the handler never runs), asks the
 * {@link AdmissionPolicy} whether this node may take it, declines it to the topic again (delivered
 * after {@code meshgate.load.declineDelayMs} times its hop count, so that a full node does not
 * take it straight back) or rejects it with {@code OVERLOADED}, or runs the handler and sends its result or error to the requester's
 * reply destination. A redelivered request of an {@link Delivery#AT_MOST_ONCE} service is answered
 * {@code INTERRUPTED} and not run again. A node that has stopped taking work ({@link Intake}:
 * it drains) passes each request back to its topic, without counting a hop.
 *
 * <p>Runs on the request listener's thread; asynchronous handlers complete on their own threads.
 */
@ApplicationScoped
public class ServiceDispatcher {

    private static final Logger LOG = Logger.getLogger(ServiceDispatcher.class.getName());

    @Inject
    ServiceRegistry registry;
    @Inject
    NodeLoad load;
    @Inject
    Intake intake;
    @Inject
    JmsSender sender;
    @Inject
    ReplySender replies;
    @Inject
    HandlerTimes times;
    @Inject
    Metrics metrics;
    @Inject
    @ConfigProperty(name = "meshgate.node.id")
    String nodeId;
    @Inject
    @ConfigProperty(name = "meshgate.load.maxHops", defaultValue = "3")
    int maxHops;
    @Inject
    @ConfigProperty(name = "meshgate.load.step", defaultValue = "10")
    int loadStep;
    @Inject
    @ConfigProperty(name = "meshgate.load.declineDelayMs", defaultValue = "25")
    long declineDelayMs;

    private final Clock clock = Clock.systemUTC();
    private AdmissionPolicy admission;

    @PostConstruct
    void init() {
        admission = new LoadFactorAdmission(maxHops, loadStep);
        metrics.gauge("meshgate_inflight_requests", "requests this node is running", () -> load.snapshot().inFlight());
    }

    /**
     * Handles one request envelope taken from a service topic; {@code redelivered} when the broker
     * gave it to a consumer before (whose node died before acknowledging it).
     */
    public void onRequest(Envelope envelope, boolean redelivered) {
        MeshRequest request = MeshRequest.from(envelope);
        Instant now = clock.instant();
        if (interruptedIfOnce(request, redelivered, now)) {
            return;
        }
        if (request.expiredAt(now)) {
            metrics.increment("meshgate_requests_expired_total", "service", request.service());
            reply(request, MeshReply.error(request.correlationId(), nodeId, null, MeshgateException.Kind.TIMEOUT.code(),
                    "deadline passed before a node could take the request", now));
            return;
        }
        if (!intake.open()) {
            metrics.increment("meshgate_requests_passed_on_total", "service", request.service());
            sender.publishToTopicLater(topicOf(request.service()), envelope, remainingMs(request, now), declineDelayMs);
            return;
        }
        AdmissionPolicy.Decision decision;
        LoadSnapshot snapshot;
        do {
            snapshot = load.snapshot();
            decision = admission.decide(request, snapshot);
        } while (decision instanceof AdmissionPolicy.Decision.Accept && !load.tryBegin(snapshot));
        if (decision instanceof AdmissionPolicy.Decision.Decline d) {
            metrics.increment("meshgate_requests_declined_total", "service", request.service());
            MeshRequest again = request.declined(d.nextLoadFactor());
            long delay = declineDelayMs * again.hops();
            sender.publishToTopicLater(topicOf(request.service()), again.toEnvelope(), remainingMs(request, now), delay);
        } else if (decision instanceof AdmissionPolicy.Decision.Reject r) {
            metrics.increment("meshgate_requests_rejected_total", "service", request.service());
            reply(request, MeshReply.error(request.correlationId(), nodeId, null,
                    MeshgateException.Kind.OVERLOADED.code(), r.reason(), now));
        } else {
            run(request);
        }
    }

    /**
     * Puts a request of a batch back on its service's topic at once, as a message of its own and
     * without counting a hop, so that any free consumer can take it (see {@link RequestBatches}).
     * A member of a redelivered batch of an {@link Delivery#AT_MOST_ONCE} service is answered
     * {@code INTERRUPTED} instead: the node that had the batch before may have passed it back
     * already, and the fresh message would run it a second time.
     */
    public void passBack(Envelope envelope, boolean redelivered) {
        MeshRequest request = MeshRequest.from(envelope);
        Instant now = clock.instant();
        if (interruptedIfOnce(request, redelivered, now)) {
            return;
        }
        metrics.increment("meshgate_requests_unbatched_total", "service", request.service());
        sender.publishToTopic(topicOf(request.service()), envelope, remainingMs(request, now));
    }

    /** Answers a redelivered request of an at-most-once service {@code INTERRUPTED}; whether it did. */
    private boolean interruptedIfOnce(MeshRequest request, boolean redelivered, Instant now) {
        if (!redelivered || registry.delivery(request.service()) != Delivery.AT_MOST_ONCE) {
            return false;
        }
        metrics.increment("meshgate_requests_interrupted_total", "service", request.service());
        reply(request, MeshReply.error(request.correlationId(), nodeId, null,
                MeshgateException.Kind.INTERRUPTED.code(), "the node running this at-most-once request stopped "
                        + "before it answered; it may have run in part and is not run again", now));
        return true;
    }

    /** The topic carrying a service's requests. */
    public static String topicOf(String service) {
        return "meshgate.service." + service;
    }

    /** Runs an admitted request; its slot in {@link NodeLoad} is already taken and is freed in finish. */
    private void run(MeshRequest request) {
        ServiceHandler handler = registry.handler(request.service());
        if (handler == null) {
            load.end();
            reply(request, MeshReply.error(request.correlationId(), nodeId, null,
                    MeshgateException.Kind.NO_SUCH_SERVICE.code(), "node " + nodeId + " does not host "
                            + request.service(), clock.instant()));
            return;
        }
        metrics.increment("meshgate_requests_handled_total", "service", request.service());
        Object result = null;
        Throwable failed = null;
        long began = System.nanoTime();
        try {
            result = handler.handle(toCall(request));
        } catch (Exception | LinkageError e) {
            failed = e;
        }
        times.record(request.service(), request.operation(), System.nanoTime() - began);
        if (failed != null) {
            finish(request, null, failed);
        } else if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> finish(request, value, error));
        } else {
            finish(request, result, null);
        }
    }

    private void finish(MeshRequest request, Object value, Throwable error) {
        try {
            Instant now = clock.instant();
            if (error == null) {
                reply(request, MeshReply.result(request.correlationId(), nodeId, Json.mapper().writeValueAsBytes(value),
                        now));
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            MeshgateException failure = cause instanceof MeshgateException m ? m : MeshgateException.handlerError(cause);
            if (failure.kind() == MeshgateException.Kind.HANDLER_ERROR) {
                LOG.log(Level.FINE, "handler of " + request.service() + " failed", cause);
            }
            metrics.increment("meshgate_handler_errors_total", "service", request.service());
            reply(request, MeshReply.error(request.correlationId(), nodeId, nodeId, failure.kind().code(),
                    failure.getMessage(), now));
        } catch (IOException e) {
            reply(request, MeshReply.error(request.correlationId(), nodeId, nodeId,
                    MeshgateException.Kind.HANDLER_ERROR.code(), "result cannot be written as JSON: " + e.getMessage(),
                    clock.instant()));
        } finally {
            load.end();
        }
    }

    private ServiceCall toCall(MeshRequest request) throws IOException {
        JsonNode params = Json.mapper().readTree(request.params());
        return new ServiceCall(request.service(), request.operation(), params, request.correlationId(),
                request.sessionId(), request.originNode(), request.deadline(), request.idempotencyKey(),
                request.clientIdentity());
    }

    /** Sends the one reply of a request ({@link ReplySender}: possibly in a batch with others). */
    private void reply(MeshRequest request, MeshReply reply) {
        replies.send(request, reply);
    }

    private static long remainingMs(MeshRequest request, Instant now) {
        return Math.max(1, Duration.between(now, request.deadline()).toMillis());
    }
}
