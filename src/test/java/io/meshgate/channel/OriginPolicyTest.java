package io.meshgate.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private static final String OWN = OriginPolicy.ownOrigin("https", "127.0.0.1:8443");

    @Test
    void upgradeWithoutAnOriginIsAllowed() {
        assertTrue(OriginPolicy.parse(null).allows(null, OWN));
    }

    @Test
    void withoutConfigurationTheAccessPointsOwnOriginIsAllowed() {
        assertTrue(OriginPolicy.parse(null).allows("https://127.0.0.1:8443", OWN));
    }

    @Test
    void withoutConfigurationAForeignOriginIsRefused() {
        assertFalse(OriginPolicy.parse("").allows("https://evil.example", OWN));
    }

    @Test
    void theSameHostOnAnotherPortIsAnotherOrigin() {
        assertFalse(OriginPolicy.parse(null).allows("https://127.0.0.1:9443", OWN));
    }

    @Test
    void theSameHostAndPortWithAnotherSchemeIsAnotherOrigin() {
        assertFalse(OriginPolicy.parse(null).allows("http://127.0.0.1:8443", OWN));
    }

    @Test
    void aHostHeaderWithoutItsPortDoesNotMatchAnOriginWithOne() {
        assertFalse(OriginPolicy.parse(null).allows("https://127.0.0.1:8443", OriginPolicy.ownOrigin("https", "127.0.0.1")));
    }

    @Test
    void theBrowsersNullOriginIsRefused() {
        assertFalse(OriginPolicy.parse(null).allows("null", OWN));
    }

    @Test
    void anOriginWithAPathIsRefused() {
        assertFalse(OriginPolicy.parse(null).allows("https://127.0.0.1:8443/page", OWN));
    }

    @Test
    void aListedOriginIsAllowed() {
        assertTrue(OriginPolicy.parse("https://portal.example").allows("https://portal.example", OWN));
    }

    @Test
    void aConfiguredListWithoutSelfRefusesTheOwnOrigin() {
        assertFalse(OriginPolicy.parse("https://portal.example").allows("https://127.0.0.1:8443", OWN));
    }

    @Test
    void selfInAListKeepsTheOwnOriginAllowed() {
        OriginPolicy p = OriginPolicy.parse("https://portal.example, self");

        assertTrue(p.allows("https://127.0.0.1:8443", OWN));
        assertTrue(p.allows("https://portal.example", OWN));
    }

    @Test
    void originsCompareWithoutCaseAndWithoutTheDefaultPort() {
        assertTrue(OriginPolicy.parse("https://Portal.Example:443").allows("HTTPS://portal.example", OWN));
    }

    @Test
    void aWildcardIsRefusedWithItsReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OriginPolicy.parse("*"));

        assertEquals("meshgate.origins: '*' is not allowed; list each origin (e.g. https://portal.example) or 'self'",
                e.getMessage());
    }

    @Test
    void aSubdomainWildcardIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OriginPolicy.parse("https://*.example"));
    }

    @Test
    void aConfiguredOriginWithAPathIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OriginPolicy.parse("https://portal.example/app"));

        assertEquals("meshgate.origins: 'https://portal.example/app' is not an origin (scheme://host[:port], no path)",
                e.getMessage());
    }

    @Test
    void ownOriginIsUnknownWithoutAHost() {
        assertFalse(OriginPolicy.parse(null).allows("https://127.0.0.1:8443", OriginPolicy.ownOrigin("https", null)));
    }
}
