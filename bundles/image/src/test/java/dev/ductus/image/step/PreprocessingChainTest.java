package dev.ductus.image.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import dev.ductus.image.DrawnText;
import dev.ductus.image.NoisyScans;
import dev.ductus.image.preprocess.BaselineDetector;
import dev.ductus.image.preprocess.ContrastEnhancer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PreprocessingChainTest {
    @Test
    void stepsRunInOrderEachWithItsNote() {
        List<String> calls = new ArrayList<>();
        PreprocessingChain chain = new PreprocessingChain(List.of(
                new PreprocessingChain.Step("first", (img, notes) -> {
                    calls.add("first");
                    notes.add("first", "made it darker");
                    return img.derive(img.width(), img.height(), new float[img.pixels().length]);
                }),
                new PreprocessingChain.Step("second", (img, notes) -> {
                    calls.add("second saw " + img.get(0, 0));
                    notes.add("second", "looked");
                    return img;
                })));
        Notes notes = new Notes();
        GrayImage out = chain.process(GrayImage.blank(3, 3), notes);
        assertEquals(List.of("first", "second saw 0.0"), calls);
        assertEquals(List.of("first", "second"), notes.all().stream().map(Notes.Note::stage).toList());
        assertEquals(0f, out.get(1, 1));
        assertEquals(List.of("first", "second"), chain.names());
    }

    @Test
    void theDefaultChainCleansADistortedLine() {
        DrawnText.Line drawn = DrawnText.line(DrawnText.words(5, 6), DrawnText.font(40), 15);
        BufferedImage distorted = DrawnText.rotate(DrawnText.slant(drawn.image(), 20), 3);
        // faded: ink at 0.45, paper at 0.85
        GrayImage img = DrawnText.gray(distorted);
        float[] p = img.pixels().clone();
        for (int i = 0; i < p.length; i++) p[i] = 0.45f + 0.4f * p[i];
        GrayImage faded = new GrayImage(img.width(), img.height(), p, null, "faded.png");

        Notes notes = new Notes();
        PreprocessingChain chain = PreprocessingChain.of("contrast", "deskew", "deslant", "crop", "normalize");
        GrayImage out = chain.process(faded, notes);

        assertEquals(List.of("contrast", "deskew", "deslant", "crop", "normalize"),
                notes.all().stream().map(Notes.Note::stage).toList());
        String text = notes.toString();
        System.out.println("chain notes: " + notes.all());
        assertTrue(text.contains("deskew: rotated by -3.0 deg"), text);
        assertTrue(text.matches(".*deslant: sheared by (1[789]|2[0-3])\\.\\d deg.*"), text);
        assertTrue(notes.all().stream().allMatch(n -> n.millis() >= 0));
        assertEquals(40, out.height());
        assertEquals(new LineGeometry(0, 12, 28, 40), out.geometry());
        assertEquals("faded.png", out.source());
    }

    @Test
    void everyStandardStepReportsWhatItDid() {
        GrayImage line = DrawnText.gray(DrawnText.line("step notes", DrawnText.font(30), 8).image());
        for (String name : StandardSteps.NAMES) {
            Notes notes = new Notes();
            GrayImage out = StandardSteps.create(name, Map.of()).process(line, notes);
            assertEquals(1, notes.all().size(), name);
            assertEquals(name, notes.all().get(0).stage());
            assertTrue(out.width() > 1 && out.height() > 1, name);
        }
    }

    @Test
    void optionsConfigureTheSteps() {
        GrayImage line = DrawnText.gray(DrawnText.line("sauvola and uniform", DrawnText.font(30), 8).image());
        Notes notes = new Notes();
        StandardSteps.create("binarize", Map.of("method", "sauvola", "window", "31", "output", "gray")).process(line, notes);
        GrayImage out = StandardSteps.create("normalize", Map.of("mode", "uniform", "height", "48")).process(line, notes);
        assertTrue(notes.toString().contains("sauvola w=31 k=0.20"), notes.toString());
        assertTrue(notes.toString().contains("gray output"), notes.toString());
        assertEquals(48, out.height());
    }

    @Test
    void typosAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreprocessingChain.of("deskw"));
        assertTrue(e.getMessage().contains("deskw"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StandardSteps.create("crop", Map.of("margn", "3")));
        assertTrue(e.getMessage().contains("margn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StandardSteps.create("binarize", Map.of("method", "niblack")));
        assertTrue(e.getMessage().contains("niblack"), e.getMessage());
    }

    @Test
    void aBlankLineStopsTheChainWithAnInputError() {
        GrayImage blank = GrayImage.blank(100, 30).withSource("blank.png");
        InputException e = assertThrows(InputException.class,
                () -> PreprocessingChain.of("contrast", "crop").process(blank, new Notes()));
        assertEquals("blank.png", e.source());
    }

    @Test
    void theDefaultChainCleansAFadedNoisyScanAndASpeckledOne() {
        // the brief's line: Serif 54 px, slant 10, skew -2 on 1100x150, faded to a third with noise 0.08
        NoisyScans.Line line = NoisyScans.line(1100, 150, 54, 10, -2);
        PreprocessingChain chain = PreprocessingChain.of("contrast", "deskew", "deslant", "crop", "normalize");
        Notes cleanNotes = new Notes();
        GrayImage cleanOut = chain.process(line.clean(), cleanNotes);
        for (GrayImage scan : new GrayImage[] {NoisyScans.degrade(line.clean(), 9), NoisyScans.speckle(line.clean(), 0.01, 9)}) {
            Notes notes = new Notes();
            GrayImage out = chain.process(scan, notes);
            System.out.println("chain " + scan.source() + ": " + notes.all());
            String what = scan.source() + ": " + notes;
            assertEquals(2, number(notes, "deskew", "rotated by (-?[\\d.]+) deg"), 0.5, what);
            assertEquals(10, number(notes, "deslant", "sheared by (-?[\\d.]+) deg"), 4, what);
            double[] cropped = numbers(notes, "crop", "-> (\\d+)x(\\d+)");
            double[] cleanCropped = numbers(cleanNotes, "crop", "-> (\\d+)x(\\d+)");
            assertEquals(cleanCropped[0], cropped[0], 6, "crop width, " + what);
            assertEquals(cleanCropped[1], cropped[1], 4, "crop height, " + what);
            assertEquals(number(cleanNotes, "normalize", "core (\\d+) px"), number(notes, "normalize", "core (\\d+) px"), 3, what);
            assertEquals(new LineGeometry(0, 12, 28, 40), out.geometry());
            assertEquals(cleanOut.width(), out.width(), 0.06 * cleanOut.width(), what);
            // the configured core rows hold the line's core: found again on the normalised noisy output
            LineGeometry again = new BaselineDetector().detect(out);
            System.out.printf(Locale.ROOT, "chain %s: normalised core found again on rows %d..%d%n", scan.source(),
                    again.coreTop(), again.baseline());
            assertEquals(12, again.coreTop(), 2, what);
            assertEquals(28, again.baseline(), 2, what);
        }
    }

    @Test
    void noiseHandlingIsAnOptionOfEveryStepThatFindsInk() {
        GrayImage noisy = new ContrastEnhancer().enhance(NoisyScans.degrade(NoisyScans.line(600, 120, 40, 0, 0).clean(), 3)).image();
        for (String name : List.of("binarize", "deskew", "deslant", "crop", "normalize")) {
            Notes off = new Notes();
            StandardSteps.create(name, Map.of("smoothing", "0", "despeckle", "0")).process(noisy, off);
            assertTrue(!off.toString().contains("smoothed") && !off.toString().contains("speck"), off.toString());
        }
        Notes notes = new Notes();
        StandardSteps.create("binarize", Map.of("method", "sauvola", "smoothing", "1.5", "despeckle", "1")).process(noisy, notes);
        assertTrue(notes.toString().contains("sauvola w=25 k=0.20, smoothing 1.5, despeckle 1.00"), notes.toString());
        assertTrue(notes.toString().contains("smoothed"), notes.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandardSteps.create("deskew", Map.of("smoothing", "-1")));
        assertTrue(e.getMessage().startsWith("deskew: ") && e.getMessage().contains("smoothing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StandardSteps.create("crop", Map.of("despeckle", "lots")));
        assertTrue(e.getMessage().contains("despeckle"), e.getMessage());
    }

    private static double number(Notes notes, String stage, String pattern) {
        return numbers(notes, stage, pattern)[0];
    }

    private static double[] numbers(Notes notes, String stage, String pattern) {
        String message = notes.all().stream().filter(n -> n.stage().equals(stage)).findFirst().orElseThrow().message();
        Matcher m = Pattern.compile(pattern).matcher(message);
        assertTrue(m.find(), stage + " note '" + message + "' does not match " + pattern);
        double[] out = new double[m.groupCount()];
        for (int i = 0; i < out.length; i++) out[i] = Double.parseDouble(m.group(i + 1));
        return out;
    }
}
