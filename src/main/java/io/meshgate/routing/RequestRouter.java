package io.meshgate.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.cluster.ClusterView;
import io.meshgate.cluster.NodeIdentity;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.messaging.BrokerLink;
import io.meshgate.messaging.BrokerWatch;
import io.meshgate.messaging.JmsSender;
import io.meshgate.metrics.Metrics;
import io.meshgate.metrics.RequestStats;
import io.meshgate.service.Delivery;
import io.meshgate.service.ServiceRegistry;
import io.meshgate.wire.Json;
import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.WireMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
public class RequestRouter implements io.meshgate.cluster.DrainWork {

    private static final Logger LOG = Logger.getLogger(RequestRouter.class.getName());
    private static final String PROBE_PREFIX = "probe:";
    private static final long PROBE_INTERVAL_MS = 1_000;
    private static final long REPLY_SILENCE_MS = 5 * PROBE_INTERVAL_MS;
    /** A resumed at-least-once request without a collected answer by then is run again. */
    private static final long RESUBMIT_AFTER_MS = 300;
    /** Where requests for services that no live node hosts are counted in the per-service statistics. */
    public static final String UNKNOWN_SERVICE = "(unknown)";

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
    @Inject
    @ConfigProperty(name = "meshgate.retryAfter.brokerLostMs", defaultValue = "1000")
    long retryAfterBrokerLostMs;
    @Inject
    @ConfigProperty(name = "meshgate.retryAfter.viewUnknownMs", defaultValue = "250")
    long retryAfterViewUnknownMs;
    private RetryAdvice retryAdvice;
    @Resource
    ManagedThreadFactory threads;
    /**
     * The reply path probes, on threads of their own: a probe send can block while the adapter
     * fails over, and the container's managed scheduler (one thread on Payara) would then hold
     * every other periodic task of the node behind it. Two threads, so that the probe sent when
     * the broker connection comes back does not wait behind a scheduled one that is blocked.
     */
    private ScheduledThreadPoolExecutor prober;
    @Inject
    RequestTimer timer;
    @Inject
    RequestPublisher publisher;
    @Inject
    ServiceRegistry registry;
    @Inject
    SessionHandover handover;

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private PendingRequests pending;
    private volatile Instant replySeenAt = Instant.EPOCH;

    @PostConstruct
    void init() {
        pending = new PendingRequests(timer.scheduler(), clock);
        retryAdvice = new RetryAdvice(retryAfterBrokerLostMs, retryAfterViewUnknownMs);
        metrics.gauge("meshgate_pending_requests", "requests waiting for a reply on this node", () -> pending.size());
        prober = new ScheduledThreadPoolExecutor(2, threads);
        prober.scheduleAtFixedRate(this::probeReplyPath, 0, PROBE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing the event creates this bean at start-up, so the reply path probe runs at once
    }

    /**
     * Whether this node's reply destination delivers: some reply (a probe, sent every second, or
     * any other) arrived within the last five seconds. Any reply counts, so that a busy reply
     * queue, where the probe waits behind real replies, does not read as a broken one.
     */
    public boolean replyPathWorks() {
        return !replySeenAt.isBefore(clock.instant().minusMillis(REPLY_SILENCE_MS));
    }

    private void probeReplyPath() {
        try {
            MeshReply probe = MeshReply.result(PROBE_PREFIX + identity.id(), identity.id(), new byte[] {'{', '}'},
                    clock.instant());
            sender.sendToQueue(identity.replyDestination(), probe.toEnvelope(), REPLY_SILENCE_MS);
        } catch (MeshgateException e) {
            LOG.fine(() -> "reply path probe not sent: " + e.getMessage());
        }
    }

    /**
     * Routes one client request that arrived at {@code receivedAt} (its deadline counts from
     * then); {@code answer} receives exactly one message for it (a {@link WireMessage.Response} or
     * a {@link WireMessage.ErrorMessage}), possibly before this method returns. Never blocks on
     * the broker: the envelope is published on a {@link RequestPublisher} thread, in a batch with
     * others for the same service when they wait together.
     */
    public void submit(String sessionId, WireMessage.Request request, Instant receivedAt,
                       Consumer<WireMessage> answer) {
        submit(sessionId, null, request, receivedAt, answer);
    }

    /**
     * As {@link #submit(String, WireMessage.Request, Instant, Consumer)}, for a session with a
     * client identity (the subject of its certificate; null for none), which the handler sees.
     */
    public void submit(String sessionId, String clientIdentity, WireMessage.Request request, Instant receivedAt,
                       Consumer<WireMessage> answer) {
        metrics.increment("meshgate_requests_received_total", "service", request.service());
        MeshgateException refusal = refusal(request.service());
        if (refusal != null) {
            answer(answer, request.service(), receivedAt, refusal.forRequest(request.id()));
            return;
        }
        long timeoutMs = request.timeoutMs() > 0 ? request.timeoutMs() : defaultTimeoutMs;
        Instant deadline = receivedAt.plusMillis(timeoutMs);
        String correlationId = newCorrelationId();
        MeshRequest mesh = new MeshRequest(correlationId, request.service(), request.type(), paramsBytes(request),
                sessionId, identity.id(), identity.replyDestination(), deadline, initialLoadFactor, 0,
                request.idempotencyKey() != null ? request.idempotencyKey() : correlationId, receivedAt, request.id(),
                clientIdentity);
        pending.register(correlationId, sessionId, deadline,
                outcome -> answer.accept(toClient(request.id(), request.service(), receivedAt, outcome)));
        if (!publish(mesh)) {
            pending.complete(correlationId, new PendingRequests.Outcome.Failed(
                    MeshgateException.overloaded("node " + identity.id() + " has too many requests waiting to be published")));
        }
    }

    /**
     * Why this node cannot take a request for the service now, or null: it cannot reach the
     * broker, or the service is hosted nowhere (said only when the cluster view can be trusted;
     * before that, and while the broker is away, the truthful answer is a retryable UNAVAILABLE).
     */
    private MeshgateException refusal(String service) {
        if (!sender.brokerUp()) {
            sender.link().refused();
            return MeshgateException.unavailable("node " + identity.id() + " cannot reach the broker; retry");
        }
        if (cluster.isHosted(service)) {
            return null;
        }
        if (!cluster.known()) {
            return MeshgateException.unavailable("node " + identity.id() + " does not know the cluster yet; retry");
        }
        return MeshgateException.noSuchService(service);
    }

    /**
     * Hands a pending request to the publisher; one that ends before its turn is not sent. False
     * when the publisher has too many waiting.
     */
    private boolean publish(MeshRequest mesh) {
        String id = mesh.correlationId();
        return publisher.publish(mesh, () -> pending.isPending(id),
                e -> pending.complete(id, new PendingRequests.Outcome.Failed(e)));
    }

    /** Requests of this node's sessions still waiting for an answer (a draining node waits for them). */
    @Override
    public int remaining() {
        return pending.size();
    }

    /**
     * Ends the pending request a reply envelope answers. A reply for a session that has left this
     * node (its socket dropped) is parked for the node that resumes it; a reply for an ended
     * request is counted and dropped.
     */
    public void onReply(Envelope envelope) {
        MeshReply reply = MeshReply.from(envelope);
        replySeenAt = clock.instant();
        sender.link().arrived(replySeenAt);
        if (reply.correlationId().startsWith(PROBE_PREFIX)) {
            sender.link().roundTrip(reply.time());
            return;
        }
        String session = pending.sessionOf(reply.correlationId());
        if (session != null && handover.isDetached(session) && reply.sessionId() != null
                && pending.withdraw(reply.correlationId()) != null) {
            handover.park(reply, SessionHandover.MAX_PARKED_MS);
            return;
        }
        if (!pending.complete(reply.correlationId(), new PendingRequests.Outcome.Replied(reply))) {
            metrics.increment("meshgate_replies_late_total");
        }
    }

    /**
     * Takes over the requests of a session resumed from {@code previousNode}: each is pending here
     * under its client id until its time (counted from {@code receivedAt}) is up, and ends with
     * the first answer that arrives: the one collected from the parked queue or the previous
     * node's reply queue (the original run), or, for an at-least-once service whose answer has
     * not come within {@value #RESUBMIT_AFTER_MS} ms, the answer of running it again with the same
     * idempotency key. An at-most-once request is never sent again: without a collected answer
     * it ends with {@code TIMEOUT}.
     */
    public void resume(String sessionId, String clientIdentity, String previousNode,
                       List<WireMessage.Request> requests, Instant receivedAt,
                       java.util.function.BiConsumer<WireMessage.Request, WireMessage> answer) {
        Map<String, String> byClientId = new ConcurrentHashMap<>();
        Instant last = receivedAt;
        for (WireMessage.Request r : requests) {
            long timeoutMs = r.timeoutMs() > 0 ? r.timeoutMs() : defaultTimeoutMs;
            Instant deadline = receivedAt.plusMillis(timeoutMs);
            last = deadline.isAfter(last) ? deadline : last;
            String correlationId = newCorrelationId();
            byClientId.put(r.id(), correlationId);
            pending.register(correlationId, sessionId, deadline, outcome -> {
                byClientId.remove(r.id());
                answer.accept(r, toClient(r.id(), r.service(), receivedAt, outcome));
            });
            if (registry.delivery(r.service()) == Delivery.AT_LEAST_ONCE) {
                MeshRequest mesh = new MeshRequest(correlationId, r.service(), r.type(), paramsBytes(r), sessionId,
                        identity.id(), identity.replyDestination(), deadline, initialLoadFactor, 0,
                        r.idempotencyKey() != null ? r.idempotencyKey() : correlationId, receivedAt, r.id(),
                        clientIdentity);
                timer.scheduler().schedule(() -> {
                    if (pending.isPending(correlationId) && !publish(mesh)) {
                        LOG.fine("publisher queue full: resumed request not sent again");
                    }
                }, RESUBMIT_AFTER_MS, TimeUnit.MILLISECONDS);
            }
        }
        metrics.increment("meshgate_sessions_resumed_total");
        handover.collect(sessionId, previousNode, last, reply -> {
            String correlationId = reply.clientRequestId() == null ? null : byClientId.get(reply.clientRequestId());
            if (correlationId != null) {
                pending.complete(correlationId, new PendingRequests.Outcome.Replied(reply));
            }
        });
    }

    /**
     * A session's socket closed. When the client closed it, its pending requests are forgotten;
     * when it dropped (the client may resume elsewhere), they stay pending and their answers are
     * parked for the node that resumes the session.
     */
    public void sessionClosed(String sessionId, boolean byClient) {
        if (byClient) {
            pending.forgetSession(sessionId);
        } else {
            handover.detach(sessionId);
        }
    }

    /**
     * The broker connection works again (the backup took over, or the broker came back): prove
     * the reply path now rather than at the next scheduled probe, so that the link is regained
     * as soon as a round trip can tell.
     */
    void onBrokerReconnected(@Observes BrokerWatch.Reconnected event) {
        prober.execute(this::probeReplyPath);
    }

    /**
     * The broker was lost: every request in flight ends now (its request or reply may have gone
     * with the broker; non-persistent messages do not survive it), rather than at its deadline.
     */
    void onBrokerChange(@Observes BrokerLink.Change change) {
        if (change instanceof BrokerLink.Change.Lost lost) {
            int n = pending.completeAll(new PendingRequests.Outcome.InDoubt(lost.reason()));
            if (n > 0) {
                LOG.warning(() -> n + " requests in flight ended when the broker was lost");
            }
        }
    }

    private WireMessage toClient(String clientId, String service, Instant receivedAt,
                                 PendingRequests.Outcome outcome) {
        if (outcome instanceof PendingRequests.Outcome.InDoubt d) {
            outcome = new PendingRequests.Outcome.Failed(registry.delivery(service) == Delivery.AT_MOST_ONCE
                    ? MeshgateException.of(MeshgateException.Kind.INTERRUPTED, "the broker was lost while this "
                            + "at-most-once request was in flight; it may have run and is not run again")
                    : MeshgateException.unavailable("the broker was lost while this request was in flight; retry"));
        }
        if (outcome instanceof PendingRequests.Outcome.Failed f) {
            ended(service, f.error().kind().code(), receivedAt);
            return advised(WireMessage.ErrorMessage.of(f.error().forRequest(clientId), identity.id(), null));
        }
        MeshReply reply = ((PendingRequests.Outcome.Replied) outcome).reply();
        if (!reply.ok()) {
            ended(service, reply.errorCode(), receivedAt);
            return new WireMessage.ErrorMessage(clientId, reply.errorCode(), reply.errorMessage(), identity.id(),
                    reply.processedBy());
        }
        ended(service, RequestStats.OK, receivedAt);
        return new WireMessage.Response(clientId, embedded(reply.body()), identity.id(), reply.processedBy());
    }

    private void answer(Consumer<WireMessage> answer, String service, Instant receivedAt, MeshgateException e) {
        ended(service, e.kind().code(), receivedAt);
        answer.accept(advised(WireMessage.ErrorMessage.of(e, identity.id(), null)));
    }

    /**
     * Counts a request that ended, with its latency from arrival to answer, under its service;
     * {@code NO_SUCH_SERVICE} answers count under {@link #UNKNOWN_SERVICE}, so that names clients
     * make up do not become rows of the console ({@link RequestStats} bounds the rest).
     */
    private void ended(String service, String outcome, Instant receivedAt) {
        long micros = Duration.between(receivedAt, clock.instant()).toNanos() / 1_000;
        String key = MeshgateException.Kind.NO_SUCH_SERVICE.code().equals(outcome) ? UNKNOWN_SERVICE : service;
        metrics.requestEnded(key, outcome, micros);
    }

    private WireMessage.ErrorMessage advised(WireMessage.ErrorMessage e) {
        return retryAdvice.advise(e, sender.brokerUp());
    }

    private static byte[] paramsBytes(WireMessage.Request request) {
        try {
            return Json.mapper().writeValueAsBytes(request.params());
        } catch (IOException e) {
            throw MeshgateException.badRequest("params cannot be written as JSON").forRequest(request.id());
        }
    }

    /** The result as the processing node wrote it, checked but not parsed into a tree and written again. */
    private static JsonNode embedded(byte[] body) {
        try {
            return Json.embedded(body);
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
