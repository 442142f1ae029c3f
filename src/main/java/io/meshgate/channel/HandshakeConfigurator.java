package io.meshgate.channel;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.cert.X509Certificate;

/**
 * Carries the TLS-verified client certificate from the upgrade request into the session: the user
 * properties seen here are a per-connection copy that becomes the session's (WebSocket 2.1).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

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
