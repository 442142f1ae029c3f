package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PercentilePlotTest {

    @Test
    void wholeNumbersOnTheAxisAreLabelledAsNines() {
        assertEquals("0%", PercentilePlot.percentileLabel(0));
        assertEquals("90%", PercentilePlot.percentileLabel(1));
        assertEquals("99%", PercentilePlot.percentileLabel(2));
        assertEquals("99.9%", PercentilePlot.percentileLabel(3));
    }

    @Test
    void pointsBetweenWholeNumbersGetNoLabel() {
        assertEquals("", PercentilePlot.percentileLabel(1.5));
    }

    @Test
    void writeDrawsAPngOfEachHistogram(@TempDir Path dir) throws Exception {
        Histogram a = new Histogram(3);
        Histogram b = new Histogram(3);
        for (int i = 1; i <= 10_000; i++) {
            a.recordValue(i);
            b.recordValue(2L * i);
        }

        Path png = PercentilePlot.write(dir.resolve("p.png"), "test", Map.of("a", a, "b", b));

        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
    }
}
