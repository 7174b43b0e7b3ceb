package dev.ductus.data;

import static dev.ductus.data.LineFolderTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.GrayImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageXmlTest {
    @TempDir
    Path dir;
    final ImageIoLoader loader = new ImageIoLoader();
    GrayImage page;

    @BeforeEach
    void pageImage() {
        page = ImageIoLoader.pattern(120, 80, 5);
        loader.writePng(page, dir.resolve("page.png"));
    }

    private void writePage(Path xml, List<PageLine> lines) throws Exception {
        PageXmlWriter.write(xml, "page.png", page.width(), page.height(), lines);
    }

    @Test
    void writeThenReadGivesTheLinesCroppedFromThePage() throws Exception {
        List<PageLine> lines = List.of(
                PageLine.recognized("l1", new Box(5, 4, 100, 20), 20, "first <line> & \"more\"", 0.93),
                PageLine.recognized("l2", new Box(7, 30, 90, 25), -1, "zweite Zeile ü", Double.NaN));
        writePage(dir.resolve("page.xml"), lines);

        List<String> warnings = new ArrayList<>();
        PageDocument doc = PageXmlReader.parse(dir.resolve("page.xml"), warnings);
        assertEquals(PageXmlReader.NAMESPACE_2019, doc.namespace());
        assertEquals(120, doc.width());
        assertEquals(new Box(5, 4, 100, 20), doc.lines().get(0).box());
        assertArrayEquals(new int[] {5, 20, 104, 20}, doc.lines().get(0).baseline());

        ListDataset read = PageXmlReader.read(dir.resolve("page.xml"), loader);
        assertEquals(List.of(), read.warnings());
        assertEquals(List.of("page/l1", "page/l2"), read.samples().stream().map(Sample::id).toList());
        for (int i = 0; i < lines.size(); i++) {
            Sample s = read.samples().get(i);
            assertEquals(lines.get(i).text(), s.text());
            Box b = lines.get(i).box();
            GrayImage crop = s.loadImage();
            assertEquals(b.width(), crop.width());
            assertEquals(b.height(), crop.height());
            for (int y = 0; y < b.height(); y++) {
                for (int x = 0; x < b.width(); x++) {
                    assertEquals(page.get(b.x() + x, b.y() + y), crop.get(x, y), 1e-6f);
                }
            }
        }
        assertEquals(1, loader.reads.get(), "the page image is decoded once for all its lines");
    }

    @Test
    void readsThe2013NamespaceAndCropsToThePolygon() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15">
                  <Page imageFilename="page.png" imageWidth="120" imageHeight="80">
                    <TextRegion id="r1"><Coords points="0,0 119,0 119,79 0,79"/>
                      <TextLine id="tri">
                        <Coords points="10,10 50,10 10,40"/>
                        <Word id="w1"><Coords points="10,10 20,10 20,20"/><TextEquiv><Unicode>word</Unicode></TextEquiv></Word>
                        <TextEquiv index="2"><Unicode>second choice</Unicode></TextEquiv>
                        <TextEquiv index="1"><Unicode>a triangle</Unicode></TextEquiv>
                      </TextLine>
                    </TextRegion>
                  </Page>
                </PcGts>
                """;
        Files.writeString(dir.resolve("old.xml"), xml);
        ListDataset read = PageXmlReader.read(dir.resolve("old.xml"), loader);
        Sample s = read.samples().get(0);
        assertEquals("a triangle", s.text());
        GrayImage crop = s.loadImage();
        assertEquals(41, crop.width());
        assertEquals(31, crop.height());
        assertEquals(page.get(10, 10), crop.get(0, 0), 1e-6f);
        assertEquals(1f, crop.get(40, 30), 1e-6f, "outside the polygon is white");
    }

    @Test
    void malformedXmlNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("bad.xml"), "<?xml version=\"1.0\"?>\n<PcGts xmlns=\""
                + PageXmlReader.NAMESPACE_2019 + "\">\n<Page imageFilename=\"page.png\">\n</PcGts>\n");
        InputException e = assertThrows(InputException.class, () -> PageXmlReader.read(dir.resolve("bad.xml"), loader));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.xml") + ":4: malformed XML"), e.getMessage());
    }

    @Test
    void unknownNamespaceIsRefused() throws Exception {
        Files.writeString(dir.resolve("ns.xml"), "<?xml version=\"1.0\"?>\n\n<PcGts xmlns=\"http://example.org/page\">"
                + "<Page imageFilename=\"page.png\"/></PcGts>\n");
        InputException e = assertThrows(InputException.class, () -> PageXmlReader.read(dir.resolve("ns.xml"), loader));
        assertTrue(e.getMessage().contains("ns.xml:3") && e.getMessage().contains("unknown PAGE namespace"), e.getMessage());
    }

    @Test
    void missingPageImageNamesTheXml() throws Exception {
        writePage(dir.resolve("p.xml"), List.of(PageLine.of("l1", new Box(0, 0, 10, 10), "x")));
        Files.delete(dir.resolve("page.png"));
        InputException e = assertThrows(InputException.class, () -> PageXmlReader.read(dir.resolve("p.xml"), loader));
        assertTrue(e.getMessage().contains("p.xml") && e.getMessage().contains("page.png' not found"), e.getMessage());
    }

    @Test
    void emptyTranscriptionAndMissingCoordsAreSkippedWithWarnings() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PcGts xmlns=\"" + PageXmlReader.NAMESPACE_2019 + "\">\n"
                + "<Page imageFilename=\"page.png\"><TextRegion id=\"r\">\n"
                + "<TextLine id=\"a\"><Coords points=\"0,0 9,0 9,9 0,9\"/><TextEquiv><Unicode>kept</Unicode></TextEquiv></TextLine>\n"
                + "<TextLine id=\"b\"><Coords points=\"0,0 9,0 9,9 0,9\"/><TextEquiv><Unicode>  </Unicode></TextEquiv></TextLine>\n"
                + "<TextLine id=\"c\"><TextEquiv><Unicode>no coords</Unicode></TextEquiv></TextLine>\n"
                + "</TextRegion></Page></PcGts>\n";
        Files.writeString(dir.resolve("w.xml"), xml);
        ListDataset read = PageXmlReader.read(dir.resolve("w.xml"), loader);
        assertEquals(List.of("w/a"), read.samples().stream().map(Sample::id).toList());
        assertHas(read.warnings(), "w.xml:5: TextLine b has an empty transcription");
        assertHas(read.warnings(), "w.xml:6: TextLine c has no Coords");
    }

    @Test
    void pageXmlCoordsThatOverflowAnIntAreRefusedNamingFileAndLine() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PcGts xmlns=\"" + PageXmlReader.NAMESPACE_2019 + "\">\n"
                + "<Page imageFilename=\"page.png\" imageWidth=\"120\" imageHeight=\"80\"><TextRegion id=\"r\">\n"
                + "<TextLine id=\"ok\"><Coords points=\"-1,2 30,2 30,20\"/><TextEquiv><Unicode>fine</Unicode></TextEquiv></TextLine>\n"
                + "<TextLine id=\"l7\"><Coords points=\"0,0 2147483647,0 0,10\"/><TextEquiv><Unicode>huge</Unicode></TextEquiv></TextLine>\n"
                + "</TextRegion></Page></PcGts>\n";
        Path file = dir.resolve("huge.xml");
        Files.writeString(file, xml);
        String expected = file + ":5: Coords point '2147483647,0' of TextLine l7 is outside -1000000..1000000; refused";
        // as compare opens it: a path to a PAGE file
        InputException e = assertThrows(InputException.class, () -> DatasetFormats.open(file, "test", loader));
        assertEquals(expected, e.getMessage());
        assertEquals(file + ":5", e.source());
        assertEquals(1, e.getMessage().lines().count());

        for (String points : List.of("0,0 NaN,0 0,10", "0,0 1e300,0 0,10", "0,-2147483648 5,0 0,10")) {
            Files.writeString(file, xml.replace("0,0 2147483647,0 0,10", points));
            InputException bad = assertThrows(InputException.class, () -> PageXmlReader.read(file, loader), points);
            assertTrue(bad.getMessage().startsWith(file + ":5: Coords point") && bad.getMessage().endsWith("of TextLine l7 is outside"
                    + " -1000000..1000000; refused"), bad.getMessage());
        }
        Files.writeString(file, xml.replace("<Coords points=\"0,0 2147483647,0 0,10\"/>",
                "<Coords points=\"0,0 9,0 9,9\"/><Baseline points=\"0,5 99999999,5\"/>"));
        assertTrue(assertThrows(InputException.class, () -> PageXmlReader.read(file, loader)).getMessage()
                .contains(":5: Baseline point '99999999,5' of TextLine l7 is outside"));

        // a slightly negative point, as some exports write, is still clamped to the page
        Files.writeString(file, xml.replace("0,0 2147483647,0 0,10", "0,0 9,0 9,9"));
        GrayImage ok = PageXmlReader.read(file, loader).samples().get(0).loadImage();
        assertEquals(31, ok.width());
        assertEquals(19, ok.height());
    }

    @Test
    void aBoxWhoseSizeOverflowsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PageLine.boxOf(new int[] {0, 0, Integer.MAX_VALUE, 0, 0, 10}));
        assertEquals("polygon spans 2147483648x11 pixels, more than a box holds", e.getMessage());
    }

    @Test
    void nonUtf8IsAnError() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PcGts xmlns=\"" + PageXmlReader.NAMESPACE_2019 + "\">\n"
                + "<Page imageFilename=\"page.png\"><TextRegion id=\"r\"><TextLine id=\"a\"><Coords points=\"0,0 9,0 9,9\"/>"
                + "<TextEquiv><Unicode>caf\u00e9</Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>\n";
        Files.write(dir.resolve("l1.xml"), xml.getBytes(StandardCharsets.ISO_8859_1));
        InputException e = assertThrows(InputException.class, () -> PageXmlReader.read(dir.resolve("l1.xml"), loader));
        assertTrue(e.getMessage().contains("l1.xml") && e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
