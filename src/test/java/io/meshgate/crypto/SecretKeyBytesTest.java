package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.CryptoException.Reason;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretKeyBytesTest {

    private static final byte[] BYTES = HexFormat.of().parseHex("a1b2c3d4e5f60718293a4b5c6d7e8f90");

    @Test
    void toStringShowsOnlyTheLengthNeverTheBytes() {
        String s = SecretKeyBytes.copyOf(BYTES).toString();

        assertEquals("SecretKeyBytes[16 bytes]", s);
        HexFormat hex = HexFormat.of();
        assertFalse(s.toLowerCase().contains(hex.formatHex(BYTES, 0, 2)), s);
        assertFalse(s.toUpperCase().contains(hex.withUpperCase().formatHex(BYTES, 0, 2)), s);
        assertFalse(s.contains(Base64.getEncoder().encodeToString(BYTES).substring(0, 4)), s);
        assertFalse(s.contains(Arrays.toString(BYTES).substring(0, 6)), s);
    }

    @Test
    void equalsConstantTimeComparesTheBytes() {
        SecretKeyBytes key = SecretKeyBytes.copyOf(BYTES);
        byte[] other = BYTES.clone();
        other[15] ^= 1;

        assertTrue(key.equalsConstantTime(SecretKeyBytes.copyOf(BYTES.clone())));
        assertTrue(key.equalsConstantTime(key));
        assertFalse(key.equalsConstantTime(SecretKeyBytes.copyOf(other)));
        assertFalse(key.equalsConstantTime(SecretKeyBytes.copyOf(Arrays.copyOf(BYTES, 15))));
        assertFalse(key.equalsConstantTime(SecretKeyBytes.copyOf(Arrays.copyOf(BYTES, 17))));
    }

    @Test
    void copyOfKeepsItsOwnCopyOfTheBytes() {
        byte[] source = BYTES.clone();
        SecretKeyBytes key = SecretKeyBytes.copyOf(source);

        Arrays.fill(source, (byte) 0);

        assertArrayEquals(BYTES, key.raw());
        assertEquals(16, key.length());
    }

    @Test
    void anEmptyOrMissingKeyIsRejected() {
        assertEquals(Reason.INVALID_KEY,
                assertThrows(CryptoException.class, () -> SecretKeyBytes.copyOf(new byte[0])).reason());
        assertEquals(Reason.INVALID_KEY,
                assertThrows(CryptoException.class, () -> SecretKeyBytes.copyOf(null)).reason());
    }

    @Test
    void destroyOverwritesTheBytesWithZeros() {
        SecretKeyBytes key = SecretKeyBytes.copyOf(BYTES);
        byte[] held = key.raw();

        key.destroy();

        assertArrayEquals(new byte[16], held);
        assertArrayEquals(new byte[16], key.raw());
        assertFalse(key.equalsConstantTime(SecretKeyBytes.copyOf(BYTES)));
    }
}
