package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionLogsTest {

    @TempDir
    Path runDir;

    @Test
    void aKeyThatRanOnceIsNoDuplicate() {
        ExecutionLogs.Duplicates d = ExecutionLogs.duplicates(Stream.of("echo k1", "work k2"), Set.of("k1", "k2"));

        assertEquals(0, d.total());
        assertEquals(Map.of(), d.byService());
    }

    @Test
    void aKeyThatRanTwiceIsOneDuplicateOfItsService() {
        ExecutionLogs.Duplicates d = ExecutionLogs.duplicates(Stream.of("work k1", "echo k2", "work k1"),
                Set.of("k1", "k2"));

        assertEquals(1, d.total());
        assertEquals(Map.of("work", 1L), d.byService());
    }

    @Test
    void aKeyThatRanThreeTimesIsStillOneDuplicate() {
        assertEquals(1, ExecutionLogs.duplicates(Stream.of("work k1", "work k1", "work k1"), Set.of("k1")).total());
    }

    @Test
    void keysThisRunDidNotSendAreIgnored() {
        assertEquals(0, ExecutionLogs.duplicates(Stream.of("echo old", "echo old"), Set.of("k1")).total());
    }

    @Test
    void blankAndMalformedLinesAreSkipped() {
        assertEquals(0, ExecutionLogs.duplicates(Stream.of("", "k1", " k1", "echo"), Set.of("k1")).total());
    }

    @Test
    void runsOnDifferentNodesAreCountedTogether() throws Exception {
        Files.createDirectories(runDir.resolve("node-1"));
        Files.createDirectories(runDir.resolve("node-2"));
        Files.createDirectories(runDir.resolve("logs"));
        Files.writeString(runDir.resolve("node-1").resolve(LocalCluster.EXECUTION_LOG), "work k1\necho k2\n");
        Files.writeString(runDir.resolve("node-2").resolve(LocalCluster.EXECUTION_LOG), "work k1\n");

        ExecutionLogs.Duplicates d = ExecutionLogs.read(runDir, Set.of("k1", "k2"));

        assertEquals(new ExecutionLogs.Duplicates(1, Map.of("work", 1L)), d);
    }

    @Test
    void aFolderWithoutAJournalIsNotAJournal() throws Exception {
        Files.createDirectories(runDir.resolve("broker-data"));
        Files.createDirectories(runDir.resolve("node-1"));
        Files.writeString(runDir.resolve("node-1").resolve(LocalCluster.EXECUTION_LOG), "echo k\n");
        Files.writeString(runDir.resolve("cluster.json"), "{}");

        assertEquals(1, ExecutionLogs.journals(runDir).size());
    }
}
