package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import dev.ductus.image.NoisyScans;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MarginCropperTest {
    @Test
    void cropsToTheInkPlusMargin() {
        GrayImage img = GrayImage.blank(40, 30);
        float[] p = img.pixels().clone();
        p[10 * 40 + 12] = 0f;
        p[20 * 40 + 25] = 0.3f;
        GrayImage page = new GrayImage(40, 30, p, new LineGeometry(5, 12, 18, 25), "p.png");
        MarginCropper cropper = new MarginCropper(3, 0.5f);
        assertEquals(new Box(12, 10, 14, 11), cropper.inkBox(page));
        GrayImage out = cropper.crop(page);
        assertEquals(20, out.width());
        assertEquals(17, out.height());
        assertEquals(0f, out.get(3, 3));
        assertEquals(0.3f, out.get(16, 13));
        assertEquals(new LineGeometry(0, 5, 11, 17), out.geometry());
        assertEquals("p.png", out.source());
    }

    @Test
    void marginIsClippedAtTheImageEdge() {
        float[] p = {0, 1, 1, 1, 1, 1, 1, 1, 1};
        GrayImage out = new MarginCropper(5, 0.5f).crop(new GrayImage(3, 3, p));
        assertEquals(3, out.width());
        assertEquals(3, out.height());
    }

    @Test
    void allWhiteIsNoInk() {
        InputException e = assertThrows(InputException.class,
                () -> new MarginCropper(4, 0.5f).crop(GrayImage.blank(50, 20).withSource("empty-line.png")));
        assertEquals("empty-line.png", e.source());
        assertTrue(e.getMessage().contains("no ink found"), e.getMessage());
    }

    @Test
    void cropsANoisyScanToItsInkNotToItsNoise() {
        NoisyScans.Line line = NoisyScans.line(1100, 150, 54, 10, -2);
        Box truth = line.inkBox();
        MarginCropper cropper = new MarginCropper(4, 0.5f, NoiseHandling.DEFAULT);
        for (GrayImage scan : new GrayImage[] {NoisyScans.degrade(line.clean(), 5), NoisyScans.speckle(line.clean(), 0.01, 5)}) {
            GrayImage img = new ContrastEnhancer().enhance(scan).image();
            Box plain = new MarginCropper(4, 0.5f).inkBox(img);
            Box box = cropper.inkBox(img);
            System.out.printf(Locale.ROOT, "crop %s: true %s, plain threshold %s, noise handled %s%n", scan.source(), truth, plain, box);
            assertEquals(truth.x(), box.x(), 3, scan.source() + " " + box);
            assertEquals(truth.y(), box.y(), 3, scan.source() + " " + box);
            assertEquals(truth.right(), box.right(), 3, scan.source() + " " + box);
            assertEquals(truth.bottom(), box.bottom(), 3, scan.source() + " " + box);
            GrayImage out = cropper.crop(img);
            assertEquals(box.width() + 8, out.width());
            assertEquals(box.height() + 8, out.height());
        }
    }

    @Test
    void noiseOnlyIsNoInk() {
        GrayImage paper = NoisyScans.degrade(GrayImage.blank(200, 60), 2).withSource("paper.png");
        MarginCropper cropper = new MarginCropper(4, 0.5f, NoiseHandling.DEFAULT);
        GrayImage stretched = new ContrastEnhancer().enhance(paper).image();
        InputException e = assertThrows(InputException.class, () -> cropper.crop(stretched));
        assertTrue(e.getMessage().contains("no ink found") && e.getMessage().contains("noise"), e.getMessage());
    }
}
