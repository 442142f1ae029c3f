package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliChaosTest {

    @TempDir
    Path runDir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int chaos(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("chaos"));
        all.addAll(List.of(args));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Cli(runDir, runDir, quiet, new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
    }

    @Test
    void anUnknownScenarioExitsWith2AndNamesTheKnownOnes() throws Exception {
        assertEquals(2, chaos("kill-everything"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("unknown scenario 'kill-everything'"), text);
        assertTrue(text.contains("kill-processing, kill-ingress, kill-broker"), text);
    }

    @Test
    void aKnownScenarioWithoutARunningClusterExitsWith3() throws Exception {
        assertEquals(3, chaos("kill-broker", "--duration", "5"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no cluster is running"));
    }

    @Test
    void haIsRefusedSinceTheLocalClusterHasOneBroker() throws Exception {
        assertEquals(2, chaos("kill-broker", "--ha"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("HA broker pair"));
    }

    @Test
    void aFaultAtOrAfterTheEndOfTheRunExitsWith2() throws Exception {
        assertEquals(2, chaos("kill-broker", "--duration", "10", "--fault-at", "10"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the fault must come within the run"));
    }

    @Test
    void aNegativeWarmUpExitsWith2() throws Exception {
        assertEquals(2, chaos("kill-broker", "--warmup", "-1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("warm-up must not be negative"));
    }
}
