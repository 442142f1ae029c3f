package io.meshgate.bench;

import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.SecureChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One complete in-socket handshake, both sides in one thread (client hello, server hello with
 * chain check and signature, client finish with check, signature and confirmation, server finish),
 * and the client's and the server's parts measured apart.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandshakeBench {

    private Credential node;
    private Credential client;
    private CertificateVerifier verifier;
    private final byte[] sessionId = new byte[16];
    /** A client hello prepared once, for the server's part alone. */
    private java.nio.ByteBuffer clientHello;

    @Setup
    public void setUp() {
        CertificateAuthority ca = CertificateAuthority.create("bench root");
        node = ca.issueNode("node", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
        client = ca.issueClient("client", Duration.ofDays(1));
        verifier = new CertificateVerifier(ca.certificate());
        clientHello = client().start().get(0);
    }

    @Benchmark
    public boolean fullHandshake() {
        SecureChannel c = client();
        SecureChannel s = server();
        FrameLayer.Inbound sh = s.open(c.start().get(0));
        FrameLayer.Inbound cf = c.open(sh.replies().get(0));
        FrameLayer.Inbound sf = s.open(cf.replies().get(0));
        return c.open(sf.replies().get(0)).established();
    }

    /** The server checking a CLIENT_HELLO (chain, point) and making its SERVER_HELLO (key pair, signature, ECDH, keys). */
    @Benchmark
    public boolean serverAnswersClientHello() {
        SecureChannel s = server();
        s.open(clientHello.duplicate());
        return s.established();
    }

    @Benchmark
    public SecureChannel clientHello() {
        SecureChannel c = client();
        c.start();
        return c;
    }

    SecureChannel client() {
        return SecureChannel.client(client.chain(), client.key(), chain -> verifier.verify(chain, Usage.SERVER_AUTH),
                FrameLimits.defaults(), Duration.ofHours(1), Clock.systemUTC());
    }

    SecureChannel server() {
        return SecureChannel.server(node.chain(), node.key(), chain -> verifier.verify(chain, Usage.CLIENT_AUTH),
                null, sessionId, FrameLimits.defaults(), Duration.ofHours(1), Clock.systemUTC());
    }
}
