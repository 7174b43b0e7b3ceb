package dev.ductus.data;

import dev.ductus.api.Box;
import dev.ductus.api.data.Sample;
import dev.ductus.testfuzz.Mutations;
import dev.ductus.testfuzz.ReaderFuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the dataset readers over the file each takes from outside: a PAGE XML file (next to its 60x40 page
 * image) and an IAM {@code ascii/lines.txt} (with three 30x10 line images), mutated bytewise and with tokens of
 * each format inserted. Every input gives a dataset whose every sample's image and text load, or an
 * InputException naming the mutated file, within 5 s and 256 MB ({@link ReaderFuzz}); entries the reader skips
 * with a warning are fine. 10,000 inputs per reader in CI, with fixed seeds; a longer run:
 * <pre>
 * mvn -B -ntp -o install -pl bundles/data -Dtest=DatasetReadersFuzzTest -Dductus.fuzz.tries=1000000
 * </pre>
 */
class DatasetReadersFuzzTest {
    private static final Path DIR = tempDir();
    private static final ImageIoLoader LOADER = new ImageIoLoader();
    private static final ReaderFuzz PAGE_FUZZ = new ReaderFuzz("PageXmlReader");
    private static final ReaderFuzz IAM_FUZZ = new ReaderFuzz("IamReader");
    private static final ReaderFuzz FOLDER_FUZZ = new ReaderFuzz("LineFolderReader");
    private static final ReaderFuzz ROUND_TRIP_FUZZ = new ReaderFuzz("PAGE round trip");
    private static final ReaderFuzz IDX_FUZZ = new ReaderFuzz("IdxReader");
    private static final byte[] GT = "a line of text\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BOXES = "# x\ty\twidth\theight\ttext\n2\t3\t20\t8\tfirst\n2\t14\t25\t8\tsecond\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final Path FOLDER = lineFolder();
    private static final byte[] PAGE = page();
    private static final byte[] IAM = ("""
            #--- lines.txt: IAM's header comment ---
            a01-000u-00 ok 154 19 408 746 1661 89 A|MOVE|to|stop
            a01-000u-01 err 156 19 395 932 1850 105 Mr.|Gaitskell
            a01-000u-02 ok 157 16 408 1106 1986 94 nominating|any|more
            """).getBytes(StandardCharsets.UTF_8);
    private static final Path IAM_ROOT = iamTree();

    private static final List<String> PAGE_TOKENS = List.of("<", ">", "/>", "</TextLine>", "<TextLine id=\"x\">", "<Coords points=\"",
            "\"", "points=\"1,1 2,2\"", " 2147483647,0", " -5,-5", "999999999,1", "1e9", ",", ", ", "NaN",
            "&amp;", "&#0;", "&#x10FFFF;", "&unknown;", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "<![CDATA[", "]]>",
            "imageFilename=\"../page.png\"", "imageWidth=\"-1\"", "index=\"-1\"", "<Unicode>", "</Unicode>",
            "<TextEquiv>", "\u0000", "\ufeff", "\n");
    private static final List<String> IAM_TOKENS = List.of(" ", "|", "\n", "#", "ok", "err", "a01-000u-00", "a01-000u-0", "../",
            "a01", "-", "2147483647", "-1", "99999999999", "\t", "\r\n", "\u0000", "\u00e9");

    @Test
    void pageXml() {
        PAGE_FUZZ.campaign("pageXml", 20261250, DIR.resolve("page.xml"), rnd -> Mutations.random(PAGE, rnd, PAGE_TOKENS),
                file -> loadAll(PageXmlReader.read(file, LOADER)));
    }

    @Test
    void iamLines() {
        boolean[] skipErr = new boolean[1]; // drawn with the case, read by the reader (cases run one at a time)
        IAM_FUZZ.campaign("iamLines", 20261251, IAM_ROOT.resolve("ascii/lines.txt"), rnd -> {
            skipErr[0] = rnd.nextBoolean();
            return Mutations.random(IAM, rnd, IAM_TOKENS);
        }, file -> loadAll(IamReader.read(IAM_ROOT, null, LOADER, skipErr[0])));
    }

    /** A line folder's transcription and line-box files (ID.gt.txt, ID.lines.tsv next to ID.png), each mutated in turn. */
    @Test
    void lineFolderTranscriptionAndBoxes() throws IOException {
        List<String> tokens = List.of("\t", "\n", "\r\n", "#", "-1", "2147483647", "99999999999", " ", "\u0000", "\ufeff",
                "\u00e9", "x", "\uD800");
        Files.write(FOLDER.resolve("a.lines.tsv"), BOXES);
        FOLDER_FUZZ.campaign("lineFolderText", 20261252, FOLDER.resolve("a.gt.txt"), rnd -> Mutations.random(GT, rnd, tokens),
                file -> loadAll(LineFolderReader.read(FOLDER, false, LOADER, "fuzz", "test")));
        Files.write(FOLDER.resolve("a.gt.txt"), GT);
        FOLDER_FUZZ.campaign("lineFolderBoxes", 20261254, FOLDER.resolve("a.lines.tsv"), rnd -> Mutations.random(BOXES, rnd, tokens),
                file -> loadAll(LineFolderReader.read(FOLDER, false, LOADER, "fuzz", "test")));
    }

    /**
     * MNIST IDX image and label files (3 images of 4x5 and their labels), each mutated in turn: the declared image
     * count and shape are checked against the file's length before the pixels are allocated (a 16-byte header
     * declaring 60,000 images of 1024x1024 asked for 63 GB, overflowing to a negative size).
     */
    @Test
    void mnistIdx() throws IOException {
        java.nio.ByteBuffer img = java.nio.ByteBuffer.allocate(16 + 3 * 20).putInt(2051).putInt(3).putInt(4).putInt(5);
        for (int i = 0; i < 60; i++) img.put((byte) (i * 17));
        byte[] images = img.array();
        byte[] labels = java.nio.ByteBuffer.allocate(8 + 3).putInt(2049).putInt(3).put((byte) 1).put((byte) 7).put((byte) 9).array();
        Path imageFile = DIR.resolve("idx-images");
        Path labelFile = DIR.resolve("idx-labels");
        Files.write(labelFile, labels);
        IDX_FUZZ.campaign("idxImages", 20261255, imageFile, rnd -> Mutations.random(images, rnd),
                file -> dev.ductus.data.mnist.IdxReader.read(file, labelFile, limitFor(file)));
        Files.write(imageFile, images);
        IDX_FUZZ.campaign("idxLabels", 20261256, labelFile, rnd -> Mutations.random(labels, rnd),
                file -> dev.ductus.data.mnist.IdxReader.read(imageFile, file, Integer.MAX_VALUE));
    }

    /** Image files of even length are read whole, the others up to two images (the limit path). */
    private static int limitFor(Path file) {
        return file.toFile().length() % 2 == 0 ? Integer.MAX_VALUE : 2;
    }

    /** The PAGE round trip of `recognize FILE.xml`: the segmentation read, then every line's text written back. */
    @Test
    void pageRoundTrip() {
        ROUND_TRIP_FUZZ.campaign("pageRoundTrip", 20261253, DIR.resolve("round.xml"), rnd -> Mutations.random(PAGE, rnd, PAGE_TOKENS),
                file -> {
                    PageDocument doc = PageXmlReader.parseSegmentation(file, new java.util.ArrayList<>());
                    java.util.Map<String, PageTextFiller.Reading> readings = new java.util.HashMap<>();
                    for (PageLine l : doc.lines()) readings.put(l.id(), new PageTextFiller.Reading("read " + l.id(), 0.5));
                    String xml;
                    try {
                        xml = Files.readString(file, StandardCharsets.UTF_8);
                    } catch (java.nio.charset.MalformedInputException e) {
                        return; // the verb says "only UTF-8 PAGE files are written back"
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    String filled = PageTextFiller.fill(xml, readings, file.toString());
                    if (readings.isEmpty() && !filled.equals(xml)) throw new AssertionError("no readings changed the document");
                });
    }

    private static Path lineFolder() {
        Path folder = DIR.resolve("lines");
        try {
            Files.createDirectories(folder);
            LOADER.writePng(ImageIoLoader.pattern(30, 25, 7), folder.resolve("a.png"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void loadAll(ListDataset dataset) {
        for (Sample s : dataset.samples()) {
            s.loadImage();
            s.text();
        }
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println(PAGE_FUZZ.summary());
        System.out.println(IAM_FUZZ.summary());
        System.out.println(FOLDER_FUZZ.summary());
        System.out.println(ROUND_TRIP_FUZZ.summary());
        System.out.println(IDX_FUZZ.summary());
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static byte[] page() {
        try {
            LOADER.writePng(ImageIoLoader.pattern(60, 40, 5), DIR.resolve("page.png"));
            Path xml = DIR.resolve("seed.xml");
            PageXmlWriter.write(xml, "page.png", 60, 40, List.of(
                    PageLine.recognized("l1", new Box(2, 3, 50, 12), 12, "first <line> & more", 0.9),
                    PageLine.recognized("l2", new Box(4, 20, 40, 15), -1, "zweite ü", Double.NaN)));
            return Files.readAllBytes(xml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path iamTree() {
        Path root = DIR.resolve("iam");
        try {
            Files.createDirectories(root.resolve("ascii"));
            for (String id : List.of("a01-000u-00", "a01-000u-01", "a01-000u-02")) {
                Path png = root.resolve("lines/a01/a01-000u/" + id + ".png");
                Files.createDirectories(png.getParent());
                LOADER.writePng(ImageIoLoader.pattern(30, 10, id.hashCode()), png);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("data-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
