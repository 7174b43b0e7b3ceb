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
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
    void everySkippedIamLineIsAWarningNamingItsLineNumber() throws Exception {
        Path iam = root.resolve("hostile");
        Files.createDirectories(iam.resolve("ascii"));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes(("a01-000u-00 ok 154 19 408 746 1661 89 A|MOVE|to|stop\n"  // the one good line
                + "a01-000u-01 ok 154\n"                                        // 2: too few fields
                + "a01-000u-02 maybe 154 19 408 746 1661 89 flag\n"             // 3: neither ok nor err
                + "a01-000u-03 ok 154 x 408 746 1661 89 letters\n"              // 4: not an integer
                + "a01-000u-04 ok 154 19 408 746 1661 89 |\n"                   // 5: empty transcription
                + "a01-000u-05 ok 154 19 408 746 1661 89 no|image\n"            // 6: no image file
                + "a01-000u-06\tok\t154\t19\t408\t746\t1661\t89\ttabs\n").getBytes(StandardCharsets.UTF_8));  // 7: tabs
        text.writeBytes("a01-000u-07 ok 154 19 408 746 1661 89 caf".getBytes(StandardCharsets.UTF_8));
        text.write(0xE9);                                                         // 8: not UTF-8
        text.write('\n');
        Path lines = iam.resolve("ascii/lines.txt");
        Files.write(lines, text.toByteArray());
        for (int i = 0; i <= 7; i++) {
            if (i != 5) loader.writePng(ImageIoLoader.pattern(30, 10, i), iam.resolve("lines/a01/a01-000u/a01-000u-0" + i + ".png"));
        }
        List<LogRecord> logged = new ArrayList<>();
        Logger log = Logger.getLogger(DatasetWarnings.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        ListDataset read;
        try {
            read = IamReader.read(iam, null, loader, false);
        } finally {
            log.removeHandler(handler);
        }

        assertEquals(List.of("a01-000u-00"), read.samples().stream().map(Sample::id).toList());
        assertEquals(7, read.warnings().size(), read.warnings().toString());
        for (int n = 2; n <= 8; n++) {
            int number = n;
            assertEquals(1, read.warnings().stream().filter(w -> w.startsWith(lines + ":" + number + ": ")).count(),
                    "one warning for line " + n + " in " + read.warnings());
        }
        assertHas(read.warnings(), "lines.txt:7: expected 9 fields");
        assertTrue(read.summary().endsWith("1 samples, 7 warnings (skipped or suspicious input)"), read.summary());
        // and the user sees them, even where a command only prints the sample count
        assertEquals(8, logged.size(), "the summary and the 7 warnings are logged");
        assertTrue(logged.get(0).getParameters()[1].toString().contains("1 samples, 7 warnings"));
        assertEquals(read.warnings(), logged.subList(1, 8).stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void aSplitIdThatMatchesNoLineIsAWarning() throws Exception {
        Files.createDirectories(root.resolve("splits"));
        Files.writeString(root.resolve("splits/test.txt"), "b02-001x\n# comment\nz99-999z-00\n");
        ListDataset test = IamReader.read(root, "test", loader, false);
        assertEquals(List.of("b02-001x-00"), test.samples().stream().map(Sample::id).toList());
        assertHas(test.warnings(), "test.txt:3: z99-999z-00 matches no line of " + root.resolve("ascii/lines.txt") + "; skipped");
        assertTrue(test.warnings().stream().noneMatch(w -> w.contains("b02-001x matches")), test.warnings().toString());
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
