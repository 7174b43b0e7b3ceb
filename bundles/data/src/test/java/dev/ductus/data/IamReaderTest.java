package dev.ductus.data;

import static dev.ductus.data.LineFolderTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Sample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamReaderTest {
    @TempDir
    Path root;
    final ImageIoLoader loader = new ImageIoLoader();

    @BeforeEach
    void iamTree() throws Exception {
        Files.createDirectories(root.resolve("ascii"));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        lines.writeBytes(("#--- lines.txt ---\n"
                + "# format: a01-000u-00 ok 154 19 408 746 1661 89 A|MOVE|to|stop|Mr.|Gaitskell|from\n"
                + "a01-000u-00 ok 154 19 408 746 1661 89 A|MOVE|to|stop|Mr.|Gaitskell|from\n"
                + "a01-000u-01 err 156 19 395 932 1850 105 nominating|any|more|Labour|life|Peers\n"
                + "a01-000u-02 ok 157 16 408 1106 1986 105 is|to|be|made|at|a\n"
                + "a01-000u-03 ok 156 broken line\n"
                + "a01-000u-04 ok 156 10 400 1200 1900 100 missing|image\n"
                + "b02-001x-00 ok 160 12 300 700 1500 90 &quot;Quoted|&amp;|done&quot;\n").getBytes(StandardCharsets.UTF_8));
        lines.writeBytes("a01-000u-05 ok 150 10 400 1300 1900 100 caf".getBytes(StandardCharsets.UTF_8));
        lines.write(0xE9);
        lines.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        lines.writeBytes("a01-000u-06 ok 150 10 400 1300 1900 100 |\n".getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve("ascii/lines.txt"), lines.toByteArray());
        for (String id : List.of("a01-000u-00", "a01-000u-01", "a01-000u-02", "a01-000u-03", "a01-000u-05", "a01-000u-06")) {
            loader.writePng(ImageIoLoader.pattern(30, 10, id.hashCode()), root.resolve("lines/a01/a01-000u/" + id + ".png"));
        }
        loader.writePng(ImageIoLoader.pattern(30, 10, 9), root.resolve("lines/b02/b02-001x/b02-001x-00.png"));
    }

    @Test
    void readsLinesWithWordSeparatorsAndCountsErrFlags() {
        ListDataset all = IamReader.read(root, null, loader, false);

        assertEquals(List.of("a01-000u-00", "a01-000u-01", "a01-000u-02", "b02-001x-00"),
                all.samples().stream().map(Sample::id).toList());
        assertEquals("A MOVE to stop Mr. Gaitskell from", all.samples().get(0).text());
        assertEquals("\"Quoted & done\"", all.samples().get(3).text());
        assertEquals(30, all.samples().get(0).loadImage().width());
        assertHas(all.warnings(), "lines.txt:6: expected 9 fields");
        assertHas(all.warnings(), "lines.txt:7: no image for a01-000u-04");
        assertHas(all.warnings(), "lines.txt:9: not valid UTF-8");
        assertHas(all.warnings(), "lines.txt:10: empty transcription");
        assertHas(all.warnings(), "1 lines flagged err kept");

        ListDataset noErr = IamReader.read(root, null, loader, true);
        assertEquals(3, noErr.size());
        assertHas(noErr.warnings(), "1 lines flagged err skipped");
    }

    @Test
    void selectsASplitByLineOrFormIds() throws Exception {
        Files.createDirectories(root.resolve("splits"));
        Files.writeString(root.resolve("splits/test.txt"), "b02-001x\na01-000u-02\n");
        ListDataset test = IamReader.read(root, "test", loader, false);
        assertEquals(List.of("a01-000u-02", "b02-001x-00"), test.samples().stream().map(Sample::id).toList());

        ListDataset train = IamReader.read(root, "train", loader, false);
        assertEquals(4, train.size());
        assertHas(train.warnings(), "no split file for 'train'");
    }

    @Test
    void aMissingLinesFileIsAnError() throws Exception {
        Files.delete(root.resolve("ascii/lines.txt"));
        InputException e = assertThrows(InputException.class, () -> IamReader.read(root, null, loader, false));
        assertTrue(e.getMessage().contains("no IAM ascii/lines.txt"), e.getMessage());
    }

    @Test
    void formatDetectionFindsIam() {
        assertEquals("iam", DatasetFormats.open(root, "test", loader).name());
    }
}
