package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {

    @TempDir
    Path runDir;

    private ProcessSupervisor supervisor() {
        return new ProcessSupervisor(runDir, runDir.resolve("logs"));
    }

    @Test
    void aProcessLogsToItsNameInTheLogsFolder() {
        assertEquals(runDir.resolve("logs/node-1.log"), supervisor().log("node-1"));
    }

    @Test
    void aProcessThatExitsWhileAwaitedIsReportedWithItsStatusAndLog() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> supervisor().await("broker", () -> false, Duration.ofSeconds(60), new ExitedProcess(3)));

        assertEquals("broker exited with 3; see " + runDir.resolve("logs/broker.log"), e.getMessage());
    }

    @Test
    void aProcessThatIsNotReadyInTimeIsReportedWithTheTimeoutAndLog() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> supervisor().await("nginx", () -> false, Duration.ofMillis(1), null));

        assertEquals("nginx not ready within 0 s; see " + runDir.resolve("logs/nginx.log"), e.getMessage());
    }

    @Test
    void aProcessWhoseCheckHoldsIsReady() {
        assertDoesNotThrow(() -> supervisor().await("node-1", () -> true, Duration.ofSeconds(60), new ExitedProcess(0)));
    }
}
