package io.meshgate.container;

import io.meshgate.it.BrokerProcess;
import io.meshgate.launcher.Build;
import io.meshgate.launcher.WildFlyServer;
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
            BrokerProcess broker = BrokerProcess.start(home.resolve("target/arquillian"));
            String wildFlyBase = System.getProperty(WILDFLY_BASE);
            if (wildFlyBase != null) {
                WildFlyServer.configure(home, Path.of(wildFlyBase), broker.port());
                return new Broker(broker);
            }
            String post = Files.readString(home.resolve("server-config/payara/post-boot.asadmin"))
                    .replace("@RA_HA@", "").replace("@RA_CREDENTIALS@", "").replace("@BROKER_HOST@", "127.0.0.1")
                    .replace("@BROKER_PORT@", Integer.toString(broker.port()))
                    .replace("@RAR@", home.resolve("target/meshgate-ra.rar").toString())
                    .lines().filter(l -> !l.contains("@WAR@")).reduce("", (a, b) -> a + b + "\n");
            Files.writeString(Path.of(System.getProperty("arquillian.postboot")), post, StandardCharsets.UTF_8);
            return new Broker(broker);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test broker", e);
        }
    }

    /**
     * The broker process, stopped when JUnit closes the root store. The container (Payara Micro
     * or WildFly) that Arquillian started is stopped first, while the broker is still up (a node whose broker
     * is gone hangs in the adapter's teardown); any process left at JVM exit is killed.
     */
    static final class Broker implements ExtensionContext.Store.CloseableResource {
        private final BrokerProcess process;

        Broker(BrokerProcess process) {
            this.process = process;
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        }

        @Override
        public void close() throws Exception {
            ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").matches(".*(payara-micro|jboss-modules).*"))
                    .forEach(Broker::stop);
            process.close();
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
