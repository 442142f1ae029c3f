package io.meshgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadSnapshotTest {

    @ParameterizedTest(name = "{0}/{1} -> {2}%")
    @CsvSource({"0, 10, 0", "1, 3, 33", "2, 3, 66", "5, 10, 50", "199, 200, 99", "10, 10, 100", "30, 10, 100"})
    void percentIsTheLoadRoundedDownAndCappedAtHundred(int inFlight, int capacity, int percent) {
        assertEquals(percent, new LoadSnapshot(inFlight, capacity).percent());
    }

    @Test
    void nodeIsNotFullBelowCapacity() {
        assertFalse(new LoadSnapshot(9, 10).full());
    }

    @Test
    void nodeIsFullAtCapacity() {
        assertTrue(new LoadSnapshot(10, 10).full());
    }

    @Test
    void nodeIsFullAboveCapacity() {
        assertTrue(new LoadSnapshot(11, 10).full());
    }

    @Test
    void constructorRejectsNegativeInFlight() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoadSnapshot(-1, 10));

        assertEquals("inFlight must be >= 0 and capacity >= 1", e.getMessage());
    }

    @Test
    void constructorRejectsZeroCapacity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoadSnapshot(0, 0));

        assertEquals("inFlight must be >= 0 and capacity >= 1", e.getMessage());
    }

    @Test
    void constructorAcceptsCapacityOfOne() {
        assertEquals(100, new LoadSnapshot(1, 1).percent());
    }
}
