package io.meshgate.it;

import io.meshgate.launcher.Build;
import io.meshgate.launcher.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An embedded Artemis broker process ({@code BrokerMain}, the broker of {@code bin/meshgate}) on a
 * free loopback port, for tests that start their servers themselves; its data and log in a folder
 * of the test's. Killed at JVM exit if still running.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    /** Starts a broker with its journal in {@code dir/broker-data} and its log in {@code dir/broker.log}, and waits until it listens. */
    public static BrokerProcess start(Path dir) throws IOException, InterruptedException {
        Path home = Build.projectHome();
        Files.createDirectories(dir);
        int port = Ports.free();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dmeshgate.broker.config=" + home.resolve("server-config/artemis"),
                "-cp", Build.launcherClasspath(home), "io.meshgate.launcher.BrokerMain", Integer.toString(port),
                dir.resolve("broker-data").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
        BrokerProcess broker = new BrokerProcess(p, port);
        broker.awaitListening();
        return broker;
    }

    /** The port it listens on, at 127.0.0.1. */
    public int port() {
        return port;
    }

    private void awaitListening() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Ports.listening(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited with " + process.exitValue());
            }
            if (System.nanoTime() > end) {
                close();
                throw new IllegalStateException("broker not listening on " + port);
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops it (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
