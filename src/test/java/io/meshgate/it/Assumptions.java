package io.meshgate.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Preconditions of cluster tests that need more than Maven gives. */
final class Assumptions {

    private Assumptions() {
    }

    /** Fails (not skips) when nginx is missing: CI installs it, and a skipped TLS test proves nothing. */
    static void nginxInstalled() {
        if (!Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            throw new IllegalStateException("nginx is not installed (apt-get install nginx-light); .ci/run installs it");
        }
    }
}
