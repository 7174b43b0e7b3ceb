package dev.ductus.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    @Test
    void reportsCountRateAndEta() {
        List<String> lines = new ArrayList<>();
        ProgressMeter meter = new ProgressMeter("gen", 3, lines::add, 1_000_000);
        meter.step();
        meter.step();
        meter.step();
        assertEquals(1, lines.size(), "only the final line within the interval");
        assertTrue(lines.get(0).startsWith("gen: 3/3 (100%), ") && lines.get(0).contains("/s") && lines.get(0).endsWith("ETA 0s"),
                lines.get(0));
        assertEquals("2m05s", ProgressMeter.duration(125));
        assertEquals("1h01m", ProgressMeter.duration(3660));
    }

    @Test
    void strictUtf8NamesTheLine() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("utf8", ".txt");
        try {
            java.nio.file.Files.write(f, new byte[] {'a', '\n', 'b', (byte) 0xff, '\n'});
            dev.ductus.api.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.ductus.api.InputException.class, () -> Utf8Text.read(f));
            assertEquals(f + ":2", e.source());
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
