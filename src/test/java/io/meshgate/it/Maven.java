package io.meshgate.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Maven that runs this build, for tests that build another project with it: the same
 * installation ({@code meshgate.maven}) and local repository ({@code meshgate.localRepository}),
 * both set by the build. Each run's output goes to a log file, quoted when the run fails.
 */
record Maven(Path executable, Path localRepository) {

    static Maven ofThisBuild() {
        return new Maven(Path.of(required("meshgate.maven")), Path.of(required("meshgate.localRepository")));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run this test through mvn verify");
        }
        return value;
    }

    /** Runs {@code mvn -B} with these arguments in a folder; fails with the log's end unless it exits 0 in time. */
    void run(Path folder, Path log, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-B", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + localRepository));
        command.addAll(List.of(arguments));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes; see " + log);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + "; the end of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }
}
