package io.meshgate.client;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An SSL context that tells of each engine it makes, so that the client can tell which TLS
 * protocol and cipher suite its WebSocket negotiated (the JDK's WebSocket API does not say; see
 * {@link SharedHttpClients} for how an engine is matched with its connect).
 */
final class RecordingSslContext extends SSLContext {

    private RecordingSslContext(Spi spi, SSLContext real) {
        super(spi, real.getProvider(), real.getProtocol());
    }

    /** A context delegating to {@code real} and handing each engine it makes to {@code made}. */
    static SSLContext wrap(SSLContext real, Consumer<SSLEngine> made) {
        return new RecordingSslContext(new Spi(real, made), real);
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext real;
        private final Consumer<SSLEngine> made;

        Spi(SSLContext real, Consumer<SSLEngine> made) {
            this.real = real;
            this.made = made;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            real.init(km, tm, random);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            SSLEngine e = real.createSSLEngine();
            made.accept(e);
            return e;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine e = real.createSSLEngine(host, port);
            made.accept(e);
            return e;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real.getSupportedSSLParameters();
        }
    }
}
