package io.meshgate.container;

import io.meshgate.launcher.Build;
import io.meshgate.launcher.WildFlyServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an Artemis broker process on a free port for the container tests and points the container
 * at it: for Payara Micro, the post-boot file that configures and deploys the resource adapter; for
 * WildFly, the server base folder configured as {@code bin/meshgate} configures a node's.
 * Registered before Arquillian's extension, so it runs before the container starts; the broker
 * stops when the test run ends (also on failure). Inside the container (where Arquillian runs the
 * test methods) it does nothing.
 */
public final class BrokerExtension implements BeforeAllCallback {

    private static final String KEY = "meshgate-broker";
    /** Set for the run in WildFly: the server base folder to configure for the broker (arquillian.xml's "wildfly"). */
    private static final String WILDFLY_BASE = "arquillian.wildfly.base";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (System.getProperty("arquillian.postboot") == null && System.getProperty(WILDFLY_BASE) == null) {
            return; // running inside the container, where the broker already serves us
        }
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(KEY, k -> start(),
                Broker.class);
    }

    private static Broker start() {
        try {
            Path home = Build.projectHome();
            Path dir = home.resolve("target/arquillian");
            Files.createDirectories(dir);
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            String cp = Build.launcherClasspath(home);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dmeshgate.broker.config=" + home.resolve("server-config/artemis"),
                    "-cp", cp, "io.meshgate.launcher.BrokerMain", Integer.toString(port),
                    dir.resolve("broker-data").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
            Broker broker = new Broker(p);
            waitListening(port, p);
            String wildFlyBase = System.getProperty(WILDFLY_BASE);
            if (wildFlyBase != null) {
                WildFlyServer.configure(home, Path.of(wildFlyBase), port);
                return broker;
            }
            String post = Files.readString(home.resolve("server-config/payara/post-boot.asadmin"))
                    .replace("@RA_HA@", "").replace("@BROKER_HOST@", "127.0.0.1").replace("@BROKER_PORT@", Integer.toString(port))
                    .replace("@RAR@", home.resolve("target/meshgate-ra.rar").toString())
                    .lines().filter(l -> !l.contains("@WAR@")).reduce("", (a, b) -> a + b + "\n");
            Files.writeString(Path.of(System.getProperty("arquillian.postboot")), post, StandardCharsets.UTF_8);
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test broker", e);
        }
    }

    private static void waitListening(int port, Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (java.io.IOException e) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("broker exited with " + p.exitValue());
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("broker not listening on " + port);
    }

    /**
     * The broker process, stopped when JUnit closes the root store. The Payara Micro container
     * that Arquillian started is stopped first, while the broker is still up (a node whose broker
     * is gone hangs in the adapter's teardown); any process left at JVM exit is killed.
     */
    static final class Broker implements ExtensionContext.Store.CloseableResource {
        private final Process process;

        Broker(Process process) {
            this.process = process;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }));
        }

        @Override
        public void close() throws Exception {
            ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                    .forEach(Broker::stop);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static void stop(ProcessHandle p) {
            p.destroy();
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
