package io.meshgate.channel;

import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.MeshgateException;
import io.meshgate.wire.WireMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client-facing WebSocket at {@code /ws}. Binary messages only: each is opened by the
 * session's frame layer, decoded, and a request is handed to the {@link RequestRouter}. Errors
 * about one request are answered with an {@code error} message; errors about the session close it
 * with the close code of their {@link MeshgateException.Kind}. One instance per connection.
 */
@ServerEndpoint(value = "/ws", configurator = HandshakeConfigurator.class)
public class GatewayEndpoint {

    private static final Logger LOG = Logger.getLogger(GatewayEndpoint.class.getName());
    /** The largest message the container buffers for us; the frame layer enforces the configured limit. */
    private static final int CONTAINER_MAX_MESSAGE = 1024 * 1024;

    private final EndpointDependencies deps;

    private ClientSession session;

    /** An endpoint for one connection (see {@link HandshakeConfigurator#getEndpointInstance}). */
    GatewayEndpoint(EndpointDependencies deps) {
        this.deps = deps;
    }

    /** For a container that creates endpoints itself. */
    public GatewayEndpoint() {
        this(EndpointDependencies.lookup());
    }

    @OnOpen
    public void open(Session socket) {
        socket.setMaxBinaryMessageBufferSize(CONTAINER_MAX_MESSAGE);
        ContainerIdleTimer.redirect(socket, deps.timer().scheduler());
        X509Certificate tls = (X509Certificate) socket.getUserProperties().remove(TlsClientCertificate.PROPERTY);
        session = deps.sessions().open(socket, tls);
        if (deps.security().secure() && deps.security().requiresTlsClientCertificate() && tls == null) {
            reject(MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE, "no client certificate verified by TLS"));
            return;
        }
        session.sendFrames(session.frames().start());
        if (session.frames().established()) {
            greet();
        }
    }

    /** The session is open: it can receive pushes, and its hello goes out. */
    private void greet() {
        boolean compress = deps.pushes().compress();
        ClientSession s = session;
        deps.pushes().attach(s.id(), s.identity(), push -> s.push(push, compress));
        s.send(deps.sessions().hello(s));
    }

    @OnMessage
    public void onBinary(ByteBuffer frame) {
        Instant arrived = Instant.now();
        try {
            session.countFrame();
            FrameLayer.Inbound in = session.frames().open(frame);
            session.sendFrames(in.replies());
            if (in.established()) {
                greet();
            }
            if (in.payload() == null) {
                return;
            }
            WireMessage message = deps.sessions().codec().decode(in.payload());
            if (message instanceof WireMessage.Request request) {
                boolean compress = deps.services().compresses(request.service());
                session.requestStarted();
                deps.router().submit(session.id(), session.identity(), request, arrived, answer -> {
                    session.requestEnded();
                    session.send(answer, compress);
                });
            } else if (message instanceof WireMessage.Subscribe subscribe) {
                subscriptions(subscribe.id(), () -> deps.pushes().subscribe(session.id(), subscribe.topics()));
            } else if (message instanceof WireMessage.Unsubscribe unsubscribe) {
                subscriptions(unsubscribe.id(), () -> deps.pushes().unsubscribe(session.id(), unsubscribe.topics()));
            } else if (message instanceof WireMessage.Resume resume) {
                String connectionId = session.id();
                String token = deps.sessions().resume(session, resume);
                deps.pushes().resumed(connectionId, session.id(), resume.topics());
                session.send(new WireMessage.Resumed(session.id(), deps.identity().id(), token));
                resume.requests().forEach(r -> session.requestStarted());
                deps.router().resume(session.id(), session.identity(), resume.node(), resume.requests(), arrived,
                        (request, answer) -> {
                    session.requestEnded();
                    session.send(answer, deps.services().compresses(request.service()));
                });
            } else {
                throw MeshgateException.badRequest(
                        "a client may only send 'req', 'resume', 'subscribe' and 'unsubscribe' messages");
            }
        } catch (MeshgateException e) {
            reject(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + session.id() + ": request failed inside the gateway", e);
            reject(MeshgateException.internal("internal error", e));
        }
    }

    /**
     * Answers a subscribe or unsubscribe like a request: a {@code res} whose result is the
     * session's topics after the change, or a {@code BAD_REQUEST} with the message's id.
     */
    private void subscriptions(String id, java.util.function.Supplier<java.util.List<String>> change) {
        java.util.List<String> topics;
        try {
            topics = change.get();
        } catch (MeshgateException e) {
            throw e.forRequest(id);
        }
        com.fasterxml.jackson.databind.node.ObjectNode result = io.meshgate.wire.Json.mapper().createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode array = result.putArray("topics");
        topics.forEach(array::add);
        session.send(new WireMessage.Response(id, result, deps.identity().id(), deps.identity().id()));
    }

    @OnMessage
    public void onText(String text) {
        reject(MeshgateException.malformedFrame("text messages are not accepted; send binary frames"));
    }

    @OnClose
    public void close(Session socket, CloseReason reason) {
        if (session != null) {
            deps.sessions().closed(session.id());
            int code = reason.getCloseCode().getCode();
            // a dropped connection (1006) or a node going away (1001) may be resumed elsewhere
            boolean forGood = code != 1006 && code != 1001;
            deps.pushes().detach(session.id(), forGood);
            deps.router().sessionClosed(session.id(), forGood);
        }
    }

    /**
     * I/O errors (a peer that went away) are routine and logged at FINE; anything else is a fault
     * in the endpoint (the container then closes the socket with 1011) and is logged as a warning.
     */
    @OnError
    public void error(Session socket, Throwable error) {
        boolean io = false;
        for (Throwable t = error; t != null && !io; t = t.getCause()) {
            io = t instanceof java.io.IOException;
        }
        LOG.log(io ? Level.FINE : Level.WARNING, "socket error on session "
                + (session == null ? "(not opened)" : session.id()), error);
    }

    private void reject(MeshgateException e) {
        deps.metrics().protocolError(e.kind().code(), session.id(), e.getMessage());
        if (e.kind().closesSession()) {
            LOG.info(() -> "closing session " + session.id() + " with " + e.kind().closeCode() + " " + e.kind().code()
                    + ": " + e.getMessage());
            session.close(e.kind().closeCode(), e.getMessage());
        } else {
            session.send(WireMessage.ErrorMessage.of(e, deps.identity().id(), null));
        }
    }
}
