package io.meshgate.it;

import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.launcher.ClusterState;
import io.meshgate.launcher.LocalCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The browser client's figures in real headless Chromium against a running cluster
 * ({@code bin/meshgate up}): 30 connects (WebSocket through nginx, TLS 1.3 with the client
 * certificate, the secure channel's handshake, hello), 300 warm-up calls, then 2,000 sequential
 * {@code echo} calls of about 1 KiB and 200 publishes on a subscribed topic, each timed from the
 * call to the push's arrival; prints medians and p99 as JSON. Run (docs/BENCHMARKS.md):
 * {@code mvn -q test-compile && mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.meshgate.it.BrowserTiming -Dexec.args=.meshgate}
 * (two invocations: in one, the build's own exec execution would take the arguments).
 */
public final class BrowserTiming {

    private BrowserTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args.length > 0 ? args[0] : ".meshgate").toAbsolutePath();
        ClusterState st = ClusterState.read(LocalCluster.stateFile(run));
        LocalPki pki = LocalPki.create(LocalPki.defaultDirectory(run), List.of());
        URI access = URI.create(st.accessPoint());
        try (Chromium c = Chromium.start(pki, run.resolve("browser-timing"), true)) {
            c.driver().get("https://" + access.getAuthority() + "/demo/");
            Object r = c.evaluate("""
                const m = await import('/meshgate.js');
                const med = (a) => { a = [...a].sort((x, y) => x - y); return a[Math.floor(a.length / 2)]; };
                const p99 = (a) => { a = [...a].sort((x, y) => x - y); return a[Math.floor(a.length * 0.99)]; };
                const opts = {certificate: arguments[1], privateKey: arguments[2], ca: arguments[3]};
                const connects = [];
                for (let i = 0; i < 30; i++) { const t = performance.now(); const cl = await m.connect(arguments[0], opts); connects.push(performance.now() - t); cl.close(); }
                const cl = await m.connect(arguments[0], opts);
                for (let i = 0; i < 300; i++) await cl.call('echo', 'echo', {i});
                const calls = [];
                for (let i = 0; i < 2000; i++) { const t = performance.now(); await cl.call('echo', 'echo', {i, pad: 'x'.repeat(1000)}); calls.push(performance.now() - t); }
                let pushMs = [];
                await cl.subscribe('timing');
                for (let i = 0; i < 200; i++) {
                  const t = performance.now();
                  const got = new Promise((res) => { const stop = cl.onPush((p) => { if (p.data.i === i) { stop(); res(); } }); });
                  await cl.call('notify', 'topic', {topic: 'timing', data: {i}});
                  await got; pushMs.push(performance.now() - t);
                }
                cl.close();
                return JSON.stringify({connectMedian: med(connects), connectP99: p99(connects), callMedian: med(calls), callP99: p99(calls), publishToPushMedian: med(pushMs), publishToPushP99: p99(pushMs)});
                """, access.toString(), Files.readString(pki.clientCert()), Files.readString(pki.clientKey()), Files.readString(pki.caCert()));
            System.out.println(r);
        }
    }
}
