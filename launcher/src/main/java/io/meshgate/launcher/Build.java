package io.meshgate.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a local cluster runs from the project's build under {@code target/}: the WAR, the resource
 * adapter, Payara Micro, WildFly and the launcher's classpath; each refused with the same message when the
 * project has not been built.
 */
public final class Build {

    private final Path home;
    private final Path war;

    /** The build of the project folder {@code home}. */
    Build(Path home) {
        this(home, null);
    }

    /** The build of the project folder {@code home}, with another WAR (null: the build's own). */
    Build(Path home, Path war) {
        this.home = home;
        this.war = war;
    }

    /** The project folder (holds {@code target/} and the config templates). */
    Path home() {
        return home;
    }

    /**
     * The project folder this process runs for: the system property {@code meshgate.home}
     * (bin/meshgate and the build set it), else the working folder; absolute and normalised, since
     * the build's path holds ".." and Chromium's file APIs refuse such paths.
     */
    public static Path projectHome() {
        return Path.of(System.getProperty("meshgate.home", ".")).toAbsolutePath().normalize();
    }

    /** {@code target/meshgate.war}, or the WAR given instead. */
    Path war() {
        if (war == null) {
            return require("target/meshgate.war");
        }
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war.toAbsolutePath() + " is missing: no WAR to run");
        }
        return war.toAbsolutePath();
    }

    /** {@code target/meshgate-ra.rar}: the Artemis resource adapter. */
    Path adapter() {
        return require("target/meshgate-ra.rar");
    }

    /** {@code target/payara-micro.jar}. */
    Path payaraMicro() {
        return require("target/payara-micro.jar");
    }

    /**
     * WildFly's home: the one {@code target/wildfly/wildfly-<version>} folder that the build
     * unpacks from {@code org.wildfly:wildfly-dist}.
     */
    Path wildfly() {
        Path parent = home.resolve("target/wildfly").toAbsolutePath();
        try (var children = Files.list(parent)) {
            List<Path> homes = children.filter(p -> Files.isRegularFile(p.resolve("jboss-modules.jar"))).toList();
            if (homes.size() == 1) {
                return homes.get(0);
            }
            throw new IllegalStateException(parent + " holds " + homes.size()
                    + " WildFly homes, not one: build again (mvn clean package -DskipTests)");
        } catch (IOException e) {
            throw new IllegalStateException(parent + " is missing: build first (mvn package -DskipTests)", e);
        }
    }

    /**
     * The classes and libraries the launcher's own processes (the broker, the floor's worker) run
     * with: {@code launcher/target/classes} and the libraries {@code launcher/target/launcher.classpath}
     * lists, as {@code bin/meshgate} runs.
     */
    String launcherClasspath() throws IOException {
        return launcherClasspath(home);
    }

    /** {@link #launcherClasspath()} of the project folder {@code home}, for tests that start a broker. */
    public static String launcherClasspath(Path home) throws IOException {
        Path cpFile = new Build(home).require("launcher/target/launcher.classpath");
        return home.resolve("launcher/target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(cpFile).trim();
    }

    /** The java binary of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Path require(String relative) {
        Path p = home.resolve(relative).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: build first (mvn package -DskipTests)");
        }
        return p;
    }
}
