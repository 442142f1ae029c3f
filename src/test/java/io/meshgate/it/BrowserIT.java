package io.meshgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.launcher.LocalCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The browser client in real headless Chromium, through nginx with TLS 1.3 and the client
 * certificate from the browser's own store, against the secure cluster: the page of the access
 * point's origin imports /meshgate.js, runs the handshake and calls; the portal demo at /demo/
 * shows results, gateway errors and pushes; the operators' console at /console/ lists every
 * node. Screenshots land in {@code target/browser/}.
 */
class BrowserIT {

    private static final Path OUT = SharedCluster.home().resolve("target/browser");

    private static LocalCluster cluster;
    private static LocalPki pki;
    private static URI access;
    private static String origin;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedSecureCluster.get();
        pki = cluster.pki();
        access = cluster.accessPoint();
        origin = "https://" + access.getAuthority();
        chromium = Chromium.start(pki, OUT.resolve("with-certificate"), true);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void openDemo() {
        chromium.driver().get(origin + "/demo/");
        chromium.waiting(20).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    @Test
    void aPageOfTheAccessPointsOriginImportsTheClientConnectsAndCalls() throws Exception {
        Object answer = chromium.evaluate("""
                const m = await import('/meshgate.js');
                const c = await m.connect(arguments[0], {certificate: arguments[1], privateKey: arguments[2], ca: arguments[3]});
                try {
                  return await c.call('echo', 'echo', {i: 1});
                } finally {
                  c.close();
                }
                """, access.toString(), pem(pki.clientCert()), pem(pki.clientKey()), pem(pki.caCert()));
        Map<?, ?> r = (Map<?, ?>) answer;
        assertEquals(Map.of("i", 1L), r.get("result"));
        assertTrue(cluster.state().nodes().stream().anyMatch(n -> n.id().equals(r.get("ingressNode"))), r.toString());
        assertTrue(cluster.state().nodes().stream().anyMatch(n -> n.id().equals(r.get("processedBy"))), r.toString());
    }

    @Test
    void theDemoConnectsWithTheCredentialFilesAndShowsItsSession() throws Exception {
        connectDemo();
        assertTrue(chromium.driver().findElement(By.id("session")).getText().startsWith("session "));
    }

    @Test
    void theDemoShowsAnEchoResultWithTheNodesThatServedIt() throws Exception {
        connectDemo();
        WebElement result = click("call-echo", "li[data-kind='result'][data-service='echo']");
        assertTrue(result.getText().contains("\"i\": 1"), result.getText());
        assertNotNull(result.getAttribute("data-processed-by"));
    }

    @Test
    void theDemoShowsTheTimeServicesClock() throws Exception {
        connectDemo();
        WebElement result = click("call-time", "li[data-kind='result'][data-service='time']");
        assertTrue(result.getText().contains("epochMs"), result.getText());
    }

    @Test
    void anUnknownServiceShowsNoSuchService() throws Exception {
        connectDemo();
        WebElement error = click("call-unknown", "li[data-kind='error'][data-service='no-such-service']");
        assertEquals("NO_SUCH_SERVICE", error.getAttribute("data-code"));
    }

    @Test
    void aCallOutlivingItsTimeoutShowsTimeout() throws Exception {
        connectDemo();
        WebElement error = click("call-timeout", "li[data-kind='error'][data-service='work']");
        assertEquals("TIMEOUT", error.getAttribute("data-code"));
    }

    @Test
    void aServicesPushToTheSessionAppears() throws Exception {
        connectDemo();
        click("push-me", "li[data-kind='result'][data-service='notify']");
        WebElement push = chromium.waiting(15).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#push-list li[data-topic='portal.me']")));
        assertTrue(push.getText().contains("from a service"), push.getText());
    }

    @Test
    void aTopicsSubscriberReceivesWhatIsPublishedToIt() throws Exception {
        connectDemo();
        click("subscribe", "li[data-kind='info'][data-topic='portal.news']");
        click("publish", "li[data-kind='result'][data-service='notify']");
        WebElement push = chromium.waiting(15).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#push-list li[data-topic='portal.news']")));
        assertTrue(push.getText().contains("from"), push.getText());
        chromium.screenshot(OUT.resolve("demo.png"));
    }

    @Test
    void theConsoleShowsEveryNodeOfTheClusterToTheOperator() throws Exception {
        chromium.driver().get(origin + "/console/");
        chromium.waiting(30).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        for (var node : cluster.state().nodes()) {
            chromium.waiting(30).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#nodes tr[data-node='" + node.id() + "']")));
        }
        chromium.screenshot(OUT.resolve("console.png"));
    }

    @Test
    void aBrowserWithoutTheClientCertificateGetsNoPageAndNoWebSocket() throws Exception {
        try (Chromium stranger = Chromium.start(pki, OUT.resolve("without-certificate"), false)) {
            stranger.driver().get(origin + "/demo/");
            String page = stranger.driver().getPageSource();
            assertTrue(page.contains("No required SSL certificate was sent"), page);
            assertFalse(page.contains("portal demo"), page);
            Object outcome = stranger.evaluate("""
                    return await new Promise((resolve) => {
                      const ws = new WebSocket(arguments[0]);
                      ws.onopen = () => resolve('open');
                      ws.onclose = (e) => resolve('closed ' + e.code);
                    });
                    """, access.toString());
            assertEquals("closed 1006", outcome);
        }
    }

    /** Chooses the three credential files, connects, and waits for the session. */
    private static void connectDemo() {
        Map<String, Path> files = Map.of("certificate", pki.clientCert(), "privateKey", pki.clientKey(), "ca", pki.caCert());
        for (Map.Entry<String, Path> f : files.entrySet()) {
            chromium.driver().findElement(By.id(f.getKey())).sendKeys(f.getValue().toAbsolutePath().toString());
        }
        chromium.driver().findElement(By.id("connect")).click();
        chromium.waiting(20).until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "open"));
    }

    /** Clicks a button and waits for the first feed entry matching {@code css} that the click adds. */
    private static WebElement click(String button, String css) {
        int before = chromium.driver().findElements(By.cssSelector(css)).size();
        chromium.driver().findElement(By.id(button)).click();
        chromium.waiting(20).until(d -> d.findElements(By.cssSelector(css)).size() > before);
        List<WebElement> all = chromium.driver().findElements(By.cssSelector(css));
        return all.get(0);
    }

    private static String pem(Path file) throws java.io.IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
