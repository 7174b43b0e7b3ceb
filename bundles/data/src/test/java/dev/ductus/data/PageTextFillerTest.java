package dev.ductus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageTextFillerTest {
    static final String NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";

    /** An export as eScriptorium writes one: metadata, a region with its own text, words, a comment, odd spacing. */
    static final String DOC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- exported by a segmenter -->
            <PcGts xmlns="%s">
              <Metadata><Creator>escriptorium</Creator><Created>2026-01-01T00:00:00</Created></Metadata>
              <Page imageFilename="page.png" imageWidth="200" imageHeight="100">
                <TextRegion id="r1" custom="structure {type:paragraph;}">
                  <Coords points="0,0 199,0 199,99 0,99"/>
                  <TextLine id="l1" custom="readingOrder {index:0;}">
                    <Coords points="0,0 199,0 199,40 0,40"/>
                    <Baseline points="0,35 199,35"/>
                    <Word id="w1"><Coords points="0,0 90,0 90,40 0,40"/><TextEquiv><Unicode>old</Unicode></TextEquiv></Word>
                  </TextLine>
                  <TextLine id="l2">
                    <Coords points="0,50 199,50 199,90 0,90"/>
                    <TextEquiv conf="0.1"><Unicode>wrong &amp; old</Unicode></TextEquiv>
                  </TextLine>
                  <TextLine id="l3"><Coords points="0,91 10,91 10,99 0,99"/></TextLine>
                  <TextEquiv><Unicode>region text</Unicode></TextEquiv>
                </TextRegion>
              </Page>
            </PcGts>
            """.formatted(NS);

    @Test
    void onlyTheLinesOwnTextEquivChangesEveryOtherByteStays() {
        String filled = PageTextFiller.fill(DOC, Map.of(
                "l1", new PageTextFiller.Reading("hello world", 0.91234),
                "l2", new PageTextFiller.Reading("a < b & c", 0.5),
                "l3", new PageTextFiller.Reading("x", Double.NaN)), "doc.xml");
        String expected = DOC
                .replace("""
                        <Word id="w1"><Coords points="0,0 90,0 90,40 0,40"/><TextEquiv><Unicode>old</Unicode></TextEquiv></Word>
                        """, """
                        <Word id="w1"><Coords points="0,0 90,0 90,40 0,40"/><TextEquiv><Unicode>old</Unicode></TextEquiv></Word>
                                <TextEquiv conf="0.9123"><Unicode>hello world</Unicode></TextEquiv>
                        """)
                .replace("<TextEquiv conf=\"0.1\"><Unicode>wrong &amp; old</Unicode></TextEquiv>",
                        "<TextEquiv conf=\"0.5000\"><Unicode>a &lt; b &amp; c</Unicode></TextEquiv>")
                .replace("<TextLine id=\"l3\"><Coords points=\"0,91 10,91 10,99 0,99\"/></TextLine>",
                        "<TextLine id=\"l3\"><Coords points=\"0,91 10,91 10,99 0,99\"/><TextEquiv><Unicode>x</Unicode></TextEquiv></TextLine>");
        assertEquals(expected, filled);
    }

    @Test
    void linesWithoutAReadingAndPrefixedDocumentsAreHandled() {
        String prefixed = DOC.replace("<PcGts xmlns=\"" + NS + "\">", "<pc:PcGts xmlns:pc=\"" + NS + "\">")
                .replaceAll("<(/?)(?!\\?|!)([A-Z])", "<$1pc:$2");
        String filled = PageTextFiller.fill(prefixed, Map.of("l2", new PageTextFiller.Reading("new", 1.0)), "p.xml");
        assertEquals(prefixed.replace("<pc:TextEquiv conf=\"0.1\"><pc:Unicode>wrong &amp; old</pc:Unicode></pc:TextEquiv>",
                "<pc:TextEquiv conf=\"1.0000\"><pc:Unicode>new</pc:Unicode></pc:TextEquiv>"), filled);
        assertEquals(DOC, PageTextFiller.fill(DOC, Map.of(), "doc.xml"), "no readings: the document unchanged");
        assertThrows(InputException.class, () -> PageTextFiller.fill("<PcGts><TextLine id=\"a\"><Coords/>", Map.of("a",
                new PageTextFiller.Reading("t", 1)), "broken.xml"));
    }

    @Test
    void theFilledDocumentReadsBackWithTheNewTexts(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("doc.xml");
        Files.writeString(xml, PageTextFiller.fill(DOC, Map.of("l1", new PageTextFiller.Reading("hello world", 0.9),
                "l2", new PageTextFiller.Reading("second", 0.8), "l3", new PageTextFiller.Reading("x", 0.7)), "doc.xml"));
        List<String> warnings = new ArrayList<>();
        PageDocument page = PageXmlReader.parse(xml, warnings);
        assertEquals(List.of("hello world", "second", "x"), page.lines().stream().map(PageLine::text).toList(), warnings.toString());
        // before filling, the segmentation alone: three lines, untranscribed ones kept
        Path seg = dir.resolve("seg.xml");
        Files.writeString(seg, DOC);
        PageDocument s = PageXmlReader.parseSegmentation(seg, warnings);
        assertEquals(List.of("l1", "l2", "l3"), s.lines().stream().map(PageLine::id).toList());
        assertTrue(s.lines().get(2).text().isEmpty());
    }
}
