package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerMainTest {

    private static final String MAIN = BrokerMain.class.getName();

    @Test
    void aDeadPrimaryComesBackAsTheBackupOfItsPeer() {
        List<String> primary = List.of("java", "-Xmx256m", "-cp", "x.jar", MAIN, "40001", "/run/broker-data", "primary", "40002");

        assertEquals(List.of("java", "-Xmx256m", "-cp", "x.jar", MAIN, "40001", "/run/broker-data", "backup", "40002"),
                BrokerMain.asBackup(primary));
    }

    @Test
    void aBackupStaysABackup() {
        List<String> backup = List.of("java", "-cp", "x.jar", MAIN, "40002", "/run/broker-data", "backup", "40001");

        assertEquals(backup, BrokerMain.asBackup(backup));
    }

    @Test
    void aSingleBrokerCannotBecomeABackup() {
        List<String> single = List.of("java", "-cp", "x.jar", MAIN, "40001", "/run/broker-data");

        assertEquals("not the command of a broker of a pair: " + single,
                assertThrows(IllegalArgumentException.class, () -> BrokerMain.asBackup(single)).getMessage());
    }
}
