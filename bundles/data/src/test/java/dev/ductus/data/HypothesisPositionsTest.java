package dev.ductus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.Notes;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LinePlacement;
import dev.ductus.api.image.PixelMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Issue 14: words and glyphs placed on the image in PAGE (Baseline, Word, Glyph in schema order) and ALTO. */
class HypothesisPositionsTest {
    /**
     * "ab cd" on a 100x40 line that is the page's region at (20, 30) scaled by 1/2: column x, row y of the line is
     * page point (20 + x / 2, 30 + y / 2); the baseline is row 28 of 40, page row 44.
     */
    private static Hypothesis placed() {
        PixelMap map = PixelMap.identity(200, 120).translate(20, 30).affine(0.5, 0, 0, 0, 0.5, 0);
        List<CharSpan> chars = new ArrayList<>();
        String text = "ab cd";
        int[] x0 = {4, 14, 24, 30, 40};
        int[] x1 = {14, 24, 30, 40, 52};
        double[] conf = {0.9, 0.7, 0.5, 1.0, 0.6};
        for (int i = 0; i < text.length(); i++) {
            chars.add(new CharSpan(text.substring(i, i + 1), x0[i], x1[i], i, i + 1, conf[i], 0));
        }
        return new Hypothesis(text, -3, chars, new Notes(), List.of(new Box(20, 30, 50, 20)),
                List.of(new LinePlacement(map, 100, 40, 28)));
    }

    private static Document parse(String xml) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) out.add(c);
        return out;
    }

    private static List<String> names(Element e) {
        return children(e).stream().map(Element::getLocalName).toList();
    }

    @Test
    void layoutMapsWordsAndGlyphsOntoTheImage() {
        Hypothesis h = placed();
        List<HypothesisLayout.Line> lines = HypothesisLayout.lines(h);
        assertEquals(1, lines.size());
        List<HypothesisLayout.Word> words = lines.get(0).words();
        assertEquals(List.of("ab", "cd"), words.stream().map(HypothesisLayout.Word::text).toList());
        assertEquals(0.8, words.get(0).confidence(), 1e-12);
        // "ab" = columns 4..24 over rows 0..40 -> page x 22..32, y 30..50
        assertEquals(new Box(22, 30, 10, 20), words.get(0).box());
        assertEquals(new Box(35, 30, 11, 20), words.get(1).box());
        assertEquals(new Box(27, 30, 5, 20), words.get(0).glyphs().get(1).box());
        double[][] baseline = lines.get(0).baseline();
        assertEquals(HypothesisLayout.BASELINE_POINTS, baseline.length);
        assertEquals(20, baseline[0][0], 1e-12);
        assertEquals(44, baseline[0][1], 1e-12);
        assertEquals(70, baseline[baseline.length - 1][0], 1e-12);
        // without a placement nothing is placed
        Hypothesis raw = new Hypothesis(h.text(), h.logScore(), h.characters(), new Notes());
        HypothesisLayout.Word unplaced = HypothesisLayout.lines(raw).get(0).words().get(0);
        assertNull(unplaced.box());
        assertNull(HypothesisLayout.lines(raw).get(0).baseline());
        assertNull(HypothesisLayout.glyph(raw, raw.characters().get(0)).polygon());
    }

    @Test
    void pageHasBaselineWordsAndGlyphsInSchemaOrder() throws Exception {
        Document d = parse(HypothesisPage.xml("scan.png", 200, 120, placed()));
        Element line = (Element) d.getElementsByTagNameNS(PageXmlWriter.NAMESPACE, "TextLine").item(0);
        // PAGE 2019: TextLine = Coords, Baseline?, Word*, TextEquiv*; Word = Coords, Glyph*, TextEquiv*;
        // Glyph = Coords, TextEquiv*
        assertEquals(List.of("Coords", "Baseline", "Word", "Word", "TextEquiv"), names(line));
        Element baseline = children(line).get(1);
        assertEquals("20,44 33,44 45,44 58,44 70,44", baseline.getAttribute("points"));
        Element word = children(line).get(2);
        assertEquals(List.of("Coords", "Glyph", "Glyph", "TextEquiv"), names(word));
        assertEquals("22,30 32,30 32,50 22,50", children(word).get(0).getAttribute("points"));
        assertEquals("0.8000", children(word).get(3).getAttribute("conf"));
        assertEquals("ab", children(word).get(3).getTextContent().trim());
        Element glyph = children(word).get(2);
        assertEquals(List.of("Coords", "TextEquiv"), names(glyph));
        assertEquals("27,30 32,30 32,50 27,50", children(glyph).get(0).getAttribute("points"));
        assertEquals("0.7000", children(glyph).get(1).getAttribute("conf"));
        assertEquals("b", children(glyph).get(1).getTextContent().trim());
        // ids are unique
        List<String> ids = new ArrayList<>();
        for (String tag : List.of("TextRegion", "TextLine", "Word", "Glyph")) {
            var nodes = d.getElementsByTagNameNS(PageXmlWriter.NAMESPACE, tag);
            for (int i = 0; i < nodes.getLength(); i++) ids.add(((Element) nodes.item(i)).getAttribute("id"));
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), ids.toString());
        assertEquals(2 + 2 + 4, ids.size());
    }

    @Test
    void writtenPageWithWordsReadsBack(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("scan.xml");
        Files.writeString(xml, HypothesisPage.xml("scan.png", 200, 120, placed()));
        List<String> warnings = new ArrayList<>();
        PageDocument doc = PageXmlReader.parse(xml, warnings);
        assertEquals(1, doc.lines().size());
        assertEquals("ab cd", doc.lines().get(0).text());
        assertEquals(List.of(), warnings);
    }

    @Test
    void altoStringsGetTheWordBoxes() throws Exception {
        Document d = parse(HypothesisAlto.xml("scan.png", 200, 120, placed()));
        var strings = d.getElementsByTagNameNS(HypothesisAlto.NAMESPACE, "String");
        Element ab = (Element) strings.item(0);
        assertEquals("22", ab.getAttribute("HPOS"));
        assertEquals("30", ab.getAttribute("VPOS"));
        assertEquals("10", ab.getAttribute("WIDTH"));
        assertEquals("20", ab.getAttribute("HEIGHT"));
        assertEquals("35", ((Element) strings.item(1)).getAttribute("HPOS"));
        // no placement: no positions
        Hypothesis raw = new Hypothesis("ab cd", -3, placed().characters(), new Notes());
        assertTrue(!HypothesisAlto.xml("l.png", 10, 5, raw).contains("<String ID=\"l1w1\" CONTENT=\"ab\" HPOS"));
    }

    @Test
    void aLineCutFromPageCoordsIsPlacedOnThePage() {
        GrayImage page = GrayImage.blank(100, 60);
        PageLine line = new PageLine("l1", new int[] {10, 20, 60, 18, 62, 40, 12, 42}, null, null, "x", Double.NaN, 0);
        GrayImage cut = PageXmlReader.lineImage(page, line, "t");
        double[] corner = cut.pixelMap().toSource(0, 0);
        assertEquals(10, corner[0], 0);
        assertEquals(18, corner[1], 0);
        assertEquals(100, cut.pixelMap().sourceWidth());
    }
}
