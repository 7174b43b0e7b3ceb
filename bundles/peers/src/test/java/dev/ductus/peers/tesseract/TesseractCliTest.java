package dev.ductus.peers.tesseract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TesseractCliTest {
    @Test
    void outputIsNormalisedToOneLinePerTextLine() {
        assertEquals("hello world\nsecond line", TesseractCli.normalise("  hello   world \n\n second line\n\f"));
        assertEquals("", TesseractCli.normalise("\n\f"));
    }

    @Test
    void theCommandReadsOneLineWithTheLstmEngine() {
        TesseractCli cli = new TesseractCli("tesseract", 7, "eng", 1000);
        assertEquals(List.of("tesseract", "/x.png", "stdout", "--oem", "1", "--psm", "7", "-l", "eng"), cli.command(Path.of("/x.png")));
    }

    @Test
    void aMissingExecutableHasNoVersionAndFailsWithTheImageName() {
        TesseractCli cli = new TesseractCli("/nonexistent/tesseract", 7, "eng", 1000);
        assertNull(cli.version());
        InputException e = assertThrows(InputException.class,
                () -> cli.recognize(new GrayImage(4, 4, new float[16], null, "scan.png")));
        assertTrue(e.getMessage().startsWith("scan.png: cannot run"), e.getMessage());
    }

    /** Runs only where Tesseract is installed: a clean printed line is read exactly. */
    @Test
    void readsACleanPrintedLine() {
        TesseractCli cli = new TesseractCli("tesseract", 7, "eng", 30_000);
        Assumptions.assumeTrue(cli.version() != null, "tesseract is not installed");
        BufferedImage img = new BufferedImage(700, 80, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 700, 80);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        g.drawString("recognition works", 20, 55);
        g.dispose();
        float[] p = new float[700 * 80];
        for (int y = 0; y < 80; y++) for (int x = 0; x < 700; x++) p[y * 700 + x] = img.getRaster().getSample(x, y, 0) / 255f;
        assertEquals("recognition works", cli.recognize(new GrayImage(700, 80, p)).text());
    }
}
