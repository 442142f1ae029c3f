package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    @TempDir
    Path runDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        Cli cli = new Cli(runDir, runDir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.commandLine().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownFlagIsRefusedWithExit2InOneLineNamingIt() {
        assertEquals(2, execute("up", "--no-ngnix"));
        assertEquals("Unknown option: '--no-ngnix' (bin/meshgate up --help shows the usage)", err().strip());
    }

    @Test
    void aNumberFlagGivenTextIsRefusedWithExit2NamingTheFlagAndTheValue() {
        assertEquals(2, execute("bench", "--rate", "abc"));
        assertEquals("Invalid value for option '--rate': 'abc' is not an int (bin/meshgate bench --help shows the "
                + "usage)", err().strip());
    }

    @Test
    void aNegativeCountIsRefusedWithExit2NamingTheFlagAndTheValue() {
        assertEquals(2, execute("call", "echo", "echo", "{}", "--repeat", "-1"));
        assertEquals("Invalid value for option '--repeat': '-1': at least one call (bin/meshgate call --help shows "
                + "the usage)", err().strip());
    }

    @Test
    void aHeapSizeThatIsNotOneIsRefusedBeforeAnythingStarts() {
        assertEquals(2, execute("up", "--heap", "lots"));
        assertTrue(err().startsWith("Invalid value for option '--heap': a heap size is like 512m or 4g: lots"), err());
    }

    @Test
    void aWarThatIsNotThereIsRefusedBeforeAnythingStarts() {
        assertEquals(2, execute("up", "--war", "no-such-dir/team.war"));
        assertTrue(err().startsWith("Invalid value for option '--war': 'no-such-dir/team.war': no such file"), err());
    }

    @Test
    void anUnknownCommandIsRefusedWithExit2() {
        assertEquals(2, execute("upp"));
        assertTrue(err().contains("'upp'"), err());
    }

    @Test
    void noCommandPrintsTheUsageOnStderrAndExits2() {
        assertEquals(2, execute());
        assertTrue(err().startsWith("Usage: bin/meshgate"), err());
        assertEquals("", out());
    }

    @Test
    void aRollingRestartNeedsItsFlag() {
        assertEquals(2, execute("restart"));
        assertTrue(err().startsWith("Missing required option: '--rolling'"), err());
    }

    @Test
    void aRefusedValueLeavesNoStackTrace() {
        assertEquals(2, execute("chaos", "kill-broker", "--sessions", "many"));
        assertFalse(err().contains("Exception"), err());
        assertEquals(1, err().strip().lines().count(), err());
    }

    @Test
    void anArgumentStartingWithAtIsTakenAsItIsNotAsAFileOfArguments() {
        assertEquals(2, execute("chaos", "@kill-broker"));
        assertTrue(err().startsWith("unknown scenario '@kill-broker'"), err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "up", "status", "call", "down", "bench", "drain", "restart", "chaos", "pki",
            "pki client"})
    void helpPrintsTheCommandsUsageOnStdoutAndExits0(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        assertEquals(0, execute(args));
        assertTrue(out().startsWith(("Usage: bin/meshgate " + command).strip()), out());
        assertTrue(out().contains("--help"), out());
        assertEquals("", err());
    }

    @Test
    void statusWithoutAClusterExits3() {
        assertEquals(3, execute("status", "--json"));
        assertEquals("{\"running\":false}", out().strip());
    }
}
