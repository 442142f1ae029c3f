package io.meshgate.it;

import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.launcher.Folders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its chromedriver, with its own certificate store:
 * an NSS database under a fresh {@code HOME} that trusts the local CA and, when asked, holds the
 * client certificate ({@code client.p12}). Chromium itself runs TLS 1.3 with that certificate;
 * the managed policy {@value #POLICY_FILE} makes it pick the certificate without a dialog, for
 * {@code https://127.0.0.1} on any port and only certificates issued by the local CA. Writing
 * the policy needs root (CI runs as root); the browser tests fail with that reason otherwise.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path POLICY_FILE = Path.of("/etc/chromium/policies/managed/meshgate-tests.json");
    static final String POLICY = "{\"AutoSelectCertificateForUrls\":[\"{\\\"pattern\\\":\\\"https://127.0.0.1\\\","
            + "\\\"filter\\\":{\\\"ISSUER\\\":{\\\"CN\\\":\\\"" + LocalPki.CA_COMMON_NAME + "\\\"}}}\"]}\n";

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Chromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /**
     * Starts a browser whose store trusts the cluster's CA and holds its default client
     * certificate when {@code withClientCertificate}; the profile lives under {@code dir}.
     */
    static Chromium start(LocalPki pki, Path dir, boolean withClientCertificate) throws IOException, InterruptedException {
        installed();
        ensurePolicy();
        Folders.delete(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        Path nss = Files.createDirectories(home.resolve(".pki/nssdb"));
        String db = "sql:" + nss;
        run(List.of("certutil", "-N", "-d", db, "--empty-password"));
        run(List.of("certutil", "-A", "-n", "meshgate local CA", "-t", "C,,", "-i", pki.caCert().toString(), "-d", db));
        if (withClientCertificate) {
            run(List.of("pk12util", "-i", pki.clientP12().toString(), "-d", db, "-W", LocalPki.CLIENT_P12_PASSWORD));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString()))
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + dir.resolve("profile"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30)).pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(service, driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Runs {@code body} (the body of an async function; {@code arguments} are {@code args}) and returns what it resolves to. */
    Object evaluate(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeScript("return (async function () {" + body + "}).apply(null, arguments);", args);
    }

    /** A waiter for a page condition, up to {@code seconds}. */
    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    }

    /** Saves what the window shows as PNG. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private static void installed() {
        for (Path p : List.of(BINARY, DRIVER, Path.of("/usr/bin/certutil"), Path.of("/usr/bin/pk12util"))) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing (apt-get install chromium chromium-driver libnss3-tools);"
                        + " .ci/run installs them");
            }
        }
    }

    private static void ensurePolicy() throws IOException {
        if (Files.exists(POLICY_FILE) && Files.readString(POLICY_FILE, StandardCharsets.UTF_8).equals(POLICY)) {
            return;
        }
        try {
            Files.createDirectories(POLICY_FILE.getParent());
            Files.writeString(POLICY_FILE, POLICY, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot write Chromium's managed policy " + POLICY_FILE + " (the browser tests need root,"
                    + " or the file written once by root with: " + POLICY.strip() + ")", e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

}
