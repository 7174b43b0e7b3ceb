package dev.ductus.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defect: `recognize --format page` for several images concatenated XML documents on standard output. */
class RecognizeVerbTest {
    private final ShellContext context = new TestContext();

    @Test
    void pageOutputForSeveralImagesNeedsAnOutputFolder() {
        RecognizeVerb.PageWriter writer = (name, image, h) -> "<PcGts/>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(context, List.of(new RecognizeVerb(context, writer))).execute(
                new String[] {"recognize", "--pipeline", "p", "--format", "page", "a.png", "b.png"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("one PAGE document per image: give --out DIR for 2 images"), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** Several files are recognised on several threads and printed in the order of the files. */
    @Test
    void filesRecognisedInParallelArePrintedInTheirOrder() {
        java.util.Set<String> threadNames = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ImageLoader loader = new ImageLoader() {
            @Override
            public List<dev.ductus.api.image.GrayImage> read(Path file) {
                // the width carries the file's number, so the recognizer can answer with it
                int n = Integer.parseInt(file.getFileName().toString().replace(".png", ""));
                return List.of(dev.ductus.api.image.GrayImage.blank(n + 1, 2));
            }

            @Override
            public void writePng(dev.ductus.api.image.GrayImage image, Path file) {
            }
        };
        dev.ductus.api.recognize.Recognizer slowOnEvenLines = new dev.ductus.api.recognize.Recognizer() {
            @Override public String name() { return "p"; }
            @Override public String describe() { return "fake"; }
            @Override public boolean paragraphs() { return false; }

            @Override
            public dev.ductus.api.decode.Hypothesis recognize(dev.ductus.api.image.GrayImage image) {
                threadNames.add(Thread.currentThread().getName() + "#" + Thread.currentThread().getId());
                int n = image.width() - 1;
                try {
                    Thread.sleep(n % 2 == 0 ? 60 : 5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new dev.ductus.api.decode.Hypothesis("line " + n, 0, List.of(), new dev.ductus.api.Notes());
            }
        };
        ShellContext withPipeline = new TestContext() {
            @Override public List<PipelineView> pipelines() {
                return List.of(new PipelineView("p", true, "ready", "line", "", null, "m", slowOnEvenLines));
            }
            @Override public Optional<ImageLoader> imageLoader() { return Optional.of(loader); }
                };
        List<String> args = new java.util.ArrayList<>(List.of("recognize", "--pipeline", "p", "--threads", "3"));
        for (int i = 0; i < 12; i++) args.add(i + ".png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(withPipeline, List.of(new RecognizeVerb(withPipeline, null))).execute(
                args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 12; i++) expected.append(i).append(".png\tline ").append(i).append('\n');
        assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8));
        assertTrue(threadNames.size() > 1, "ran on several threads: " + threadNames);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("12 images, 0 failed"), err.toString(StandardCharsets.UTF_8));
    }

    /** PAGE in, PAGE out: the file's own lines are read and only their TextEquiv is added; the rest stays byte for byte. */
    @Test
    void pageXmlInputIsWrittenBackWithTheLinesTextFilledIn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- from a segmenter -->
                <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">
                  <Metadata><Creator>escriptorium</Creator></Metadata>
                  <Page imageFilename="scan.png" imageWidth="300" imageHeight="100">
                    <TextRegion id="r1">
                      <Coords points="0,0 299,0 299,99 0,99"/>
                      <TextLine id="a">
                        <Coords points="10,10 209,10 209,40 10,40"/>
                      </TextLine>
                      <TextLine id="b">
                        <Coords points="10,50 109,50 109,80 10,80"/>
                        <Baseline points="10,75 109,75"/>
                      </TextLine>
                      <TextEquiv><Unicode>kept as it is</Unicode></TextEquiv>
                    </TextRegion>
                  </Page>
                </PcGts>
                """;
        Path in = java.nio.file.Files.createDirectories(dir.resolve("in"));
        java.nio.file.Files.writeString(in.resolve("page1.xml"), xml);
        java.nio.file.Files.write(in.resolve("scan.png"), new byte[]{1});
        ImageLoader loader = new ImageLoader() {
            @Override
            public List<dev.ductus.api.image.GrayImage> read(Path file) {
                return List.of(dev.ductus.api.image.GrayImage.blank(300, 100));
            }

            @Override
            public void writePng(dev.ductus.api.image.GrayImage image, Path file) {
            }
        };
        dev.ductus.api.recognize.Recognizer byWidth = new dev.ductus.api.recognize.Recognizer() {
            @Override public String name() { return "p"; }
            @Override public String describe() { return "fake"; }
            @Override public boolean paragraphs() { return false; }

            @Override
            public dev.ductus.api.decode.Hypothesis recognize(dev.ductus.api.image.GrayImage image) {
                return new dev.ductus.api.decode.Hypothesis(image.width() + " & " + image.height(), 0, List.of(), new dev.ductus.api.Notes());
            }
        };
        ShellContext withPipeline = new TestContext() {
            @Override public List<PipelineView> pipelines() {
                return List.of(new PipelineView("p", true, "ready", "line", "", null, "m", byWidth));
            }
            @Override public Optional<ImageLoader> imageLoader() { return Optional.of(loader); }
        };
        Path outDir = dir.resolve("out");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(withPipeline, List.of(new RecognizeVerb(withPipeline, null))).execute(
                new String[] {"recognize", "--pipeline", "p", "--out", outDir.toString(), in.resolve("page1.xml").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String written = java.nio.file.Files.readString(outDir.resolve("page1.xml"));
        // the crops are the lines' boxes (200 x 31 and 100 x 31); a hypothesis without characters has confidence 1
        String lineA = "\n        <TextEquiv conf=\"1.0000\"><Unicode>200 &amp; 31</Unicode></TextEquiv>";
        String lineB = "\n        <TextEquiv conf=\"1.0000\"><Unicode>100 &amp; 31</Unicode></TextEquiv>";
        assertTrue(written.contains(lineA) && written.contains(lineB), written);
        assertEquals(xml, written.replace(lineA, "").replace(lineB, ""), "everything else byte for byte");
        // writing over the input is refused
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        int again = new CommandLine(withPipeline, List.of(new RecognizeVerb(withPipeline, null))).execute(
                new String[] {"recognize", "--pipeline", "p", "--out", in.toString(), in.resolve("page1.xml").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err2, true, StandardCharsets.UTF_8));
        assertEquals(1, again);
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("would overwrite the input"), err2.toString(StandardCharsets.UTF_8));
        assertEquals(xml, java.nio.file.Files.readString(in.resolve("page1.xml")));
    }

    /**
     * Issue 14: a character's and a word's position in the JSON is a box and a polygon in pixels of the input
     * image: here the line is the input's region at (20, 30), rotated by 90 degrees (line column x, row y is input
     * point (20 + y, 30 + 100 - x)) in a 200x200 input.
     */
    @Test
    void jsonPositionsAreInPixelsOfTheInputImage() {
        dev.ductus.api.image.PixelMap map = dev.ductus.api.image.PixelMap.identity(200, 200).translate(20, 30)
                .affine(0, 1, 0, -1, 0, 100);
        List<dev.ductus.api.decode.CharSpan> chars = List.of(
                new dev.ductus.api.decode.CharSpan("a", 10, 20, 0, 1, 0.5, 0),
                new dev.ductus.api.decode.CharSpan(" ", 20, 25, 1, 2, 0.9, 0),
                new dev.ductus.api.decode.CharSpan("b", 25, 40, 2, 3, 0.7, 0));
        dev.ductus.api.decode.Hypothesis h = new dev.ductus.api.decode.Hypothesis("a b", -1, chars,
                new dev.ductus.api.Notes(), List.of(), List.of(new dev.ductus.api.image.LinePlacement(map, 100, 30, 20)));
        String json = RecognizeVerb.json("scan.png", h);
        // "a": columns 10..20 over rows 0..30 -> input x 20..50, y 110..120
        assertTrue(json.contains("{\"c\":\"a\",\"x0\":10,\"x1\":20,\"line\":0,\"confidence\":0.500000,"
                + "\"box\":[20,110,50,120],\"polygon\":[[20,120],[20,110],[50,110],[50,120]]}"), json);
        assertTrue(json.contains("\"words\":[{\"text\":\"a\",\"line\":0,\"confidence\":0.500000,\"box\":[20,110,50,120]"), json);
        assertTrue(json.contains("{\"text\":\"b\",\"line\":0,\"confidence\":0.700000,\"box\":[20,90,50,105]"), json);
        // a hypothesis without placement has no positions, the columns stay
        String raw = RecognizeVerb.json("l.png", new dev.ductus.api.decode.Hypothesis("a b", -1, chars, new dev.ductus.api.Notes()));
        assertTrue(!raw.contains("box") && !raw.contains("polygon") && raw.contains("\"x0\":25"), raw);
    }
}
