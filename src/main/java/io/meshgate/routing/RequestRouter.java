package io.meshgate.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.cluster.ClusterView;
import io.meshgate.cluster.NodeIdentity;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.service.ServiceDispatcher;
import io.meshgate.wire.Json;
import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.WireMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ingress side of a request: checks that some live node hosts the service (else
 * {@code NO_SUCH_SERVICE} at once), records the request as pending, publishes its envelope on the
 * service's topic, and turns the reply (or the timeout) into the one message the client gets.
 *
 * <p>Thread-safe: called by socket reader threads (submit) and reply listener threads (onReply).
 */
@ApplicationScoped
public class RequestRouter {

    private static final Logger LOG = Logger.getLogger(RequestRouter.class.getName());
    private static final String PROBE_PREFIX = "probe:";
    private static final long PROBE_INTERVAL_MS = 1_000;

    @Inject
    NodeIdentity identity;
    @Inject
    ClusterView cluster;
    @Inject
    JmsSender sender;
    @Inject
    Metrics metrics;
    @Inject
    @ConfigProperty(name = "meshgate.request.defaultTimeoutMs", defaultValue = "10000")
    long defaultTimeoutMs;
    @Inject
    @ConfigProperty(name = "meshgate.load.factor", defaultValue = "80")
    int initialLoadFactor;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    RequestTimer timer;

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private PendingRequests pending;
    private volatile Instant probeSeenAt = Instant.EPOCH;

    @PostConstruct
    void init() {
        pending = new PendingRequests(timer.scheduler(), clock);
        metrics.gauge("meshgate_pending_requests", "requests waiting for a reply on this node", () -> pending.size());
        scheduler.scheduleAtFixedRate(this::probeReplyPath, 0, PROBE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing the event creates this bean at start-up, so the reply path probe runs at once
    }

    /** Whether a probe sent to this node's reply destination came back recently. */
    public boolean replyPathWorks() {
        return !probeSeenAt.isBefore(clock.instant().minusMillis(3 * PROBE_INTERVAL_MS));
    }

    private void probeReplyPath() {
        try {
            MeshReply probe = MeshReply.result(PROBE_PREFIX + identity.id(), identity.id(), new byte[] {'{', '}'},
                    clock.instant());
            sender.sendToQueue(identity.replyDestination(), probe.toEnvelope(), PROBE_INTERVAL_MS);
        } catch (MeshgateException e) {
            LOG.fine(() -> "reply path probe not sent: " + e.getMessage());
        }
    }

    /**
     * Routes one client request; {@code answer} receives exactly one message for it (a
     * {@link WireMessage.Response} or a {@link WireMessage.ErrorMessage}), possibly before this
     * method returns.
     */
    public void submit(String sessionId, WireMessage.Request request, Consumer<WireMessage> answer) {
        metrics.increment("meshgate_requests_received_total", "service", request.service());
        if (!cluster.isHosted(request.service())) {
            answer(answer, MeshgateException.noSuchService(request.service()).forRequest(request.id()));
            return;
        }
        Instant now = clock.instant();
        long timeoutMs = request.timeoutMs() > 0 ? request.timeoutMs() : defaultTimeoutMs;
        Instant deadline = now.plusMillis(timeoutMs);
        String correlationId = newCorrelationId();
        MeshRequest mesh = new MeshRequest(correlationId, request.service(), request.type(), paramsBytes(request),
                sessionId, identity.id(), identity.replyDestination(), deadline, initialLoadFactor, 0,
                request.idempotencyKey() != null ? request.idempotencyKey() : correlationId, now);
        pending.register(correlationId, sessionId, deadline, outcome -> answer.accept(toClient(request.id(), outcome)));
        try {
            sender.publishToTopic(ServiceDispatcher.topicOf(request.service()), mesh.toEnvelope(), timeoutMs);
        } catch (MeshgateException e) {
            pending.complete(correlationId, new PendingRequests.Outcome.Failed(e));
        }
    }

    /** Ends the pending request a reply envelope answers; a reply for an ended request is counted and dropped. */
    public void onReply(Envelope envelope) {
        MeshReply reply = MeshReply.from(envelope);
        if (reply.correlationId().startsWith(PROBE_PREFIX)) {
            probeSeenAt = clock.instant();
            return;
        }
        if (!pending.complete(reply.correlationId(), new PendingRequests.Outcome.Replied(reply))) {
            metrics.increment("meshgate_replies_late_total");
        }
    }

    /** Forgets the pending requests of a session that closed. */
    public void sessionClosed(String sessionId) {
        pending.forgetSession(sessionId);
    }

    private WireMessage toClient(String clientId, PendingRequests.Outcome outcome) {
        if (outcome instanceof PendingRequests.Outcome.Failed f) {
            metrics.increment("meshgate_requests_total", "outcome", f.error().kind().code());
            return WireMessage.ErrorMessage.of(f.error().forRequest(clientId), identity.id(), null);
        }
        MeshReply reply = ((PendingRequests.Outcome.Replied) outcome).reply();
        if (!reply.ok()) {
            metrics.increment("meshgate_requests_total", "outcome", reply.errorCode());
            return new WireMessage.ErrorMessage(clientId, reply.errorCode(), reply.errorMessage(), identity.id(),
                    reply.processedBy());
        }
        metrics.increment("meshgate_requests_total", "outcome", "ok");
        return new WireMessage.Response(clientId, readJson(reply.body()), identity.id(), reply.processedBy());
    }

    private void answer(Consumer<WireMessage> answer, MeshgateException e) {
        metrics.increment("meshgate_requests_total", "outcome", e.kind().code());
        answer.accept(WireMessage.ErrorMessage.of(e, identity.id(), null));
    }

    private static byte[] paramsBytes(WireMessage.Request request) {
        try {
            return Json.mapper().writeValueAsBytes(request.params());
        } catch (IOException e) {
            throw MeshgateException.badRequest("params cannot be written as JSON").forRequest(request.id());
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw MeshgateException.internal("reply is not JSON", e);
        }
    }

    private String newCorrelationId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
