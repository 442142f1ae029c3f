package io.meshgate.channel;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.security.cert.X509Certificate;

/**
 * Carries the TLS-verified client certificate from the upgrade request into the session: the user
 * properties seen here are a per-connection copy that becomes the session's (WebSocket 2.1). Also
 * makes each connection's {@link GatewayEndpoint} with a plain constructor (see
 * {@link EndpointDependencies}). One instance per endpoint configuration, used from any thread.
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    private static final Logger LOG = Logger.getLogger(HandshakeConfigurator.class.getName());

    private volatile EndpointDependencies dependencies;

    @Override
    public <T> T getEndpointInstance(Class<T> type) throws InstantiationException {
        if (type != GatewayEndpoint.class) {
            return super.getEndpointInstance(type);
        }
        EndpointDependencies d = dependencies;
        if (d == null) {
            try {
                d = EndpointDependencies.lookup();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "cannot look up the endpoint's dependencies", e);
                throw e;
            }
            dependencies = d;
        }
        return type.cast(new GatewayEndpoint(d));
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        X509Certificate certificate = TlsClientCertificate.fromHeaders(request.getHeaders());
        if (certificate != null) {
            config.getUserProperties().put(TlsClientCertificate.PROPERTY, certificate);
        } else {
            config.getUserProperties().remove(TlsClientCertificate.PROPERTY);
        }
    }
}
