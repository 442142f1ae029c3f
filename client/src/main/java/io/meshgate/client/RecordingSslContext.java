package io.meshgate.client;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;
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
 * An SSL context that remembers the last engine it made, so that the client can tell which TLS
 * protocol and cipher suite its WebSocket negotiated (the JDK's WebSocket API does not say).
 */
final class RecordingSslContext extends SSLContext {

    private RecordingSslContext(Spi spi, SSLContext real) {
        super(spi, real.getProvider(), real.getProtocol());
    }

    /** A context delegating to {@code real} and recording its engines in {@code last}. */
    static SSLContext wrap(SSLContext real, AtomicReference<SSLEngine> last) {
        return new RecordingSslContext(new Spi(real, last), real);
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext real;
        private final AtomicReference<SSLEngine> last;

        Spi(SSLContext real, AtomicReference<SSLEngine> last) {
            this.real = real;
            this.last = last;
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
            last.set(e);
            return e;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine e = real.createSSLEngine(host, port);
            last.set(e);
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
