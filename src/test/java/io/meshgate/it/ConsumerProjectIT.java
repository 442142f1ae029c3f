package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.client.ClientOptions;
import io.meshgate.client.ClientSecurity;
import io.meshgate.client.MeshgateClient;
import io.meshgate.client.Response;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.launcher.LocalCluster;
import io.meshgate.launcher.ServerKind;
import io.meshgate.wire.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A team's own project on meshgate's artifacts ({@code src/it/consumer}), as README.md "Adding
 * services" describes it: built by Maven against the client jar, the service API jar and the WAR
 * of this build (installed into the local repository first), its WAR run on a two-node secure
 * cluster (node-1 on Payara Micro, node-2 on WildFly: the team's generated listener binds on both),
 * and its plain Java caller run as a process of its own.
 */
class ConsumerProjectIT {

    private static final Path HOME = SharedCluster.home();
    private static final Path PROJECT = HOME.resolve("target/consumer");
    private static final String VERSION = System.getProperty("meshgate.version", "0.1.0-SNAPSHOT");

    private static LocalCluster cluster;
    private static LocalPki pki;

    @BeforeAll
    static void buildTheTeamsProjectAndRunItsWar() throws Exception {
        Assumptions.nginxInstalled();
        Maven maven = Maven.ofThisBuild();
        installThisBuildsArtifacts(maven);
        copy(HOME.resolve("src/it/consumer"), PROJECT);
        maven.run(PROJECT, PROJECT.resolve("build.log"), "-q", "package", "-DskipTests", "-Dmeshgate.version=" + VERSION);
        cluster = LocalCluster.start(LocalCluster.Options.defaults(HOME, HOME.resolve("target/it-consumer-cluster"))
                .withNodes(2).withServers(List.of(ServerKind.PAYARA, ServerKind.WILDFLY))
                .withWar(PROJECT.resolve("leave-service/target/leave-service.war")));
        pki = cluster.pki();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void thePlainJavaCallerGetsTheAnswerOfTheTeamsService() throws Exception {
        List<String> out = runCaller("E-1001", "25", "3", "2");

        JsonNode answer = Json.mapper().readTree(out.get(out.size() - 1));
        assertTrue(answer.path("ok").asBoolean(), answer.toString());
        assertEquals("E-1001", answer.path("result").path("employee").asText());
        assertEquals(20, answer.path("result").path("remaining").asInt());
    }

    @Test
    void theTeamsServiceRunsOnEveryNodeWhicheverNodeTheCallEntered() throws Exception {
        Set<String> processors = new HashSet<>();
        try (MeshgateClient c = client()) {
            for (int i = 0; i < 40 && processors.size() < 2; i++) {
                Response r = Calls.call(c, "leave", "balance", "{\"employee\":\"E-" + i + "\",\"entitlement\":" + i + "}",
                        Duration.ofSeconds(10));
                assertTrue(r.ok(), () -> "call failed: " + r);
                assertEquals(i, r.result().path("remaining").asInt());
                processors.add(r.processedBy());
            }
        }
        assertEquals(Set.of("node-1", "node-2"), processors);
    }

    @Test
    void theGatewaysOwnServicesStillAnswerInTheTeamsWar() throws Exception {
        try (MeshgateClient c = client()) {
            Response r = Calls.call(c, "echo", "echo", "{\"i\":7}", Duration.ofSeconds(10));
            assertTrue(r.ok(), () -> "call failed: " + r);
            assertEquals(7, r.result().path("i").asInt());
        }
    }

    @Test
    void anErrorTheTeamsHandlerChoosesReachesTheCallerAsItsKindAndMessage() throws Exception {
        try (MeshgateClient c = client()) {
            Response r = Calls.call(c, "leave", "holiday", "{}", Duration.ofSeconds(10));
            assertEquals("BAD_REQUEST", r.errorCode(), r::toString);
            assertEquals("leave has no operation 'holiday'", r.errorMessage());
        }
    }

    @Test
    void theCallersClassPathHoldsNoJakartaPayaraOrArtemisLibrary() throws IOException {
        List<String> entries = Arrays.asList(Files.readString(PROJECT.resolve("leave-caller/target/classpath.txt"))
                .trim().split(File.pathSeparator));

        assertTrue(entries.stream().anyMatch(e -> e.contains("meshgate-client")), entries::toString);
        assertEquals(List.of(), entries.stream().filter(e -> e.matches("(?i).*(jakarta|payara|glassfish|artemis|activemq).*"))
                .toList());
    }

    private static MeshgateClient client() throws IOException {
        return MeshgateClient.connect(cluster.accessPoint(), ClientOptions.builder()
                .secure(ClientSecurity.fromPem(pki.caCert(), pki.clientCert(), pki.clientKey())).build());
    }

    private static List<String> runCaller(String... arguments) throws IOException, InterruptedException {
        Path caller = PROJECT.resolve("leave-caller/target");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", caller.resolve("classes") + File.pathSeparator + Files.readString(caller.resolve("classpath.txt")).trim(),
                "com.example.leave.caller.LeaveCaller", cluster.accessPoint().toString(), pki.directory().toString()));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the caller did not finish in 60 s");
        }
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.exitValue(), () -> "the caller exited " + p.exitValue() + ": " + out);
        return out;
    }

    /**
     * Installs the parent POM, the two jars and the WAR of this build, as `mvn install` would; run
     * in {@code target/}, where no POM makes Maven run the goal once per module.
     */
    private static void installThisBuildsArtifacts(Maven maven) throws IOException, InterruptedException {
        String[][] artifacts = {
            {"pom.xml", "pom.xml", "pom"},
            {"client/target/meshgate-client-" + VERSION + ".jar", "client/pom.xml", "jar"},
            {"service-api/target/meshgate-service-api-" + VERSION + ".jar", "service-api/pom.xml", "jar"},
            {"target/meshgate.war", "server/pom.xml", "war"},
        };
        for (String[] a : artifacts) {
            maven.run(PROJECT.getParent(), PROJECT.resolveSibling("consumer-install.log"), "-q",
                    "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file", "-Dfile=" + HOME.resolve(a[0]),
                    "-DpomFile=" + HOME.resolve(a[1]), "-Dpackaging=" + a[2]);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
