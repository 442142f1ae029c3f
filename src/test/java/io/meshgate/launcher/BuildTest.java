package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildTest {

    @TempDir
    Path home;

    @Test
    void aMissingArtifactAsksForABuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Build(home).war());

        assertEquals(home.resolve("target/meshgate.war").toAbsolutePath()
                + " is missing: build first (mvn package -DskipTests)", e.getMessage());
    }

    @Test
    void theLauncherRunsFromTheClassesAndTheRecordedClasspath() throws Exception {
        Files.createDirectories(home.resolve("launcher/target"));
        Files.writeString(home.resolve("launcher/target/launcher.classpath"), "/m2/a.jar:/m2/b.jar\n");

        assertEquals(home.resolve("launcher/target/classes").toAbsolutePath() + File.pathSeparator + "/m2/a.jar:/m2/b.jar",
                new Build(home).launcherClasspath());
    }
}
