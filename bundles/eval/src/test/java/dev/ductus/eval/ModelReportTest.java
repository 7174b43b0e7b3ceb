package dev.ductus.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.ModelInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ModelReportTest {
    static final String CURVE = "1:2.3127:0.41230:610 2:1.1020:0.21000:1222 3:NaN:0.18000:1830 4:0.9000:0.19000:2400";

    static ModelInfo info(String system, Map<String, String> facts) {
        return new ModelInfo(system, 3, new Alphabet(List.of("0", "1", "2")), "height=48", 1_234_567, facts);
    }

    static ModelReport.Entry curved() {
        return new ModelReport.Entry("<b>crnn</b>", "crnn-digits@161aaef58278", info("crnn", Map.ofEntries(
                Map.entry("train.data", "digits/train"), Map.entry("validation.data", "digits/validation"),
                Map.entry("epochs", "3"), Map.entry("validation.cer", "0.18000"), Map.entry("validation.wer", "0.51000"),
                Map.entry("train.seconds", "1830.0"), Map.entry("train.seconds.total", "2400.0"),
                Map.entry("chain", "digits"), Map.entry("curve", CURVE),
                Map.entry("calibration.ece.before", "0.04120"), Map.entry("calibration.ece.after", "0.01030"))));
    }

    static ModelReport.Entry old() {
        return new ModelReport.Entry("gmm-hmm", "gmm-hmm@0123456789ab", info("gmm-hmm", Map.of("validation.cer", "0.25")));
    }

    @Test
    void escapesNamesShowsPercentagesAndDrawsEveryCurvePoint() throws Exception {
        String html = new ModelReport().render(List.of(curved(), old()));
        Document doc = parse(html);
        assertEquals("html", doc.getDocumentElement().getTagName());

        assertTrue(html.contains("&lt;b&gt;crnn&lt;/b&gt;"), html);
        assertFalse(html.contains("<b>"), "a model name leaked as markup");
        assertTrue(html.contains("<td class=\"num\">18.00</td>"), "validation CER as a percentage: " + html);
        assertTrue(html.contains("<td class=\"num\">25.00</td>"), html);
        assertTrue(html.contains("<td class=\"num\">3 / 4</td>"), "kept epoch of epochs run: " + html);
        assertTrue(html.contains("<td class=\"num\">1,234,567</td>"), html);
        assertTrue(html.contains("30 min 30 s / 40 min 00 s"), html);
        assertTrue(html.contains("ECE 4.12 % \u2192 1.03 %"), html);
        assertTrue(html.contains("digits/train<br/>validation: digits/validation"), html);

        // overview + CER and loss charts for the model with a curve; the other says why it has none
        assertEquals(3, doc.getElementsByTagName("svg").getLength());
        assertTrue(html.contains(ModelReport.NO_CURVE), html);
        // 4 points in the overview and the CER chart, 3 in the loss chart (one loss is NaN)
        assertEquals(4 + 4 + 3, doc.getElementsByTagName("circle").getLength());
        assertTrue(html.contains("&lt;b&gt;crnn&lt;/b&gt;: epoch 2, 21.00 % CER, 20 min 22 s"), html);
        assertTrue(html.contains("&lt;b&gt;crnn&lt;/b&gt;: 40.0 min, 19.00 % CER, epoch 4"), html);
        assertFalse(html.contains("<script"));
        assertEquals(1, ModelReport.withCurves(List.of(curved(), old())));
    }

    @Test
    void noCurvesNoOverviewAndMissingFactsShowAsDashes() throws Exception {
        String html = new ModelReport().render(List.of(old()));
        parse(html);
        assertFalse(html.contains("<svg"), html);
        assertTrue(html.contains(ModelReport.NO_CURVE), html);
        assertTrue(html.contains("<td>-</td>"), html);
        assertTrue(new ModelReport().render(List.of()).contains("serves no models"));
    }

    @Test
    void curvePointsThatDoNotParseAreDropped() {
        LearningCurve c = LearningCurve.parse(" 1:2.0:0.5:60  junk 2:x:0.4:120 3:1.0:NaN:180 ");
        assertEquals(List.of(new LearningCurve.Point(1, 2.0, 0.5, 60), new LearningCurve.Point(3, 1.0, Double.NaN, 180)),
                c.points());
        assertEquals(3, c.lastEpoch());
        assertTrue(LearningCurve.of(Map.of()).isEmpty());
    }

    @Test
    void calibrationAndTimeCells() {
        assertEquals("T = 1.250", ModelReport.calibration(Map.of("calibration.temperature", "1.25")));
        assertEquals("a = 1.100, b = -0.200", ModelReport.calibration(Map.of("calibration.a", "1.1", "calibration.b", "-0.2")));
        assertEquals("-", ModelReport.calibration(Map.of()));
        assertEquals("42 s", ModelReport.duration(42.4));
        assertEquals("2 h 05 min", ModelReport.duration(7500));
        assertEquals("10 min 00 s (budget 30.0 min)", ModelReport.trainingTime(Map.of("train.seconds", "600", "max.minutes", "30.0")));
    }

    @Test
    void writesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("report.html");
        new ModelReport().write(List.of(curved()), file);
        assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"));
    }

    static Document parse(String html) throws Exception {
        String xml = html.replaceFirst("<!DOCTYPE html>", "");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
