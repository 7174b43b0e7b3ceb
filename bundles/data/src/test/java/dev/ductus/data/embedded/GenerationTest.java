package dev.ductus.data.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.data.io.ProgressListener;
import dev.ductus.data.mnist.MnistSplits;
import dev.ductus.data.synth.FontCatalog;
import dev.ductus.data.synth.HandwritingFont;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {
    @TempDir
    static Path dir;
    static FixtureDataSources sources;
    static final Map<String, Integer> COUNTS = Map.of("train", 8, "validation", 4, "test", 4);

    @BeforeAll
    static void sources() {
        sources = new FixtureDataSources(dir);
    }

    private static Path generate(String folder, EmbeddedKind kind, long seed, int threads) throws IOException {
        EmbeddedDatasets datasets = new EmbeddedDatasets(dir.resolve("datasets"), sources, threads);
        SampleGenerator generator = datasets.generator(new EmbeddedDatasets.Request(kind, DatasetSize.TINY, seed, false));
        return new DatasetFolderWriter(threads).write(dir.resolve(folder), new LinkedHashMap<>(COUNTS), generator,
                Map.of("name", kind.id()), ProgressListener.NONE);
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) files.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
        return files;
    }

    @Test
    void sameSeedGivesTheSameBytesOnAnyNumberOfThreads() throws IOException {
        for (EmbeddedKind kind : EmbeddedKind.values()) {
            Map<String, byte[]> one = contents(generate(kind.id() + "-a", kind, 7, 1));
            Map<String, byte[]> two = contents(generate(kind.id() + "-b", kind, 7, 2));
            assertEquals(one.keySet(), two.keySet());
            assertEquals(COUNTS.values().stream().mapToInt(i -> i).sum() * (kind == EmbeddedKind.PARAGRAPHS ? 3 : 2) + 4,
                    one.size(), "png + gt.txt (+ lines.tsv) per sample, a manifest per split, dataset.properties");
            for (String f : one.keySet()) assertArrayEquals(one.get(f), two.get(f), kind + " " + f);
            Map<String, byte[]> other = contents(generate(kind.id() + "-c", kind, 8, 2));
            assertFalse(java.util.Arrays.equals(one.get("test/test-000000.png"), other.get("test/test-000000.png")),
                    "another seed gives other samples");
        }
    }

    @Test
    void cursiveSplitsShareNoFontAndNoTextLine() throws IOException {
        Path root = generate("cursive-split", EmbeddedKind.CURSIVE, 1, 2);
        Map<String, Set<String>> fonts = new HashMap<>();
        Map<String, Set<String>> texts = new HashMap<>();
        FontCatalog catalog = sources.fonts();
        for (String split : EmbeddedKind.SPLITS) {
            for (String[] row : manifest(root.resolve(split))) {
                String font = row[1].substring("font=".length());
                fonts.computeIfAbsent(split, s -> new HashSet<>()).add(font);
                String text = Files.readString(root.resolve(split).resolve(row[0] + ".gt.txt")).strip();
                texts.computeIfAbsent(split, s -> new HashSet<>()).add(text);
                HandwritingFont writer = catalog.fonts(split).stream().filter(f -> f.writer().equals(font)).findFirst().orElseThrow();
                assertTrue(writer.canDraw(text), font + " cannot draw " + text);
                assertTrue(text.length() >= 10 && text.length() <= 60, text);
            }
        }
        assertDisjoint(fonts);
        assertDisjoint(texts);
    }

    @Test
    void digitSplitsUseDisjointMnistIndicesAndNeverTheReservedT10kHalf() throws IOException {
        Path root = generate("digits-split", EmbeddedKind.DIGITS, 1, 2);
        Map<String, Set<String>> used = new HashMap<>();
        for (String split : EmbeddedKind.SPLITS) {
            for (String[] row : manifest(root.resolve(split))) {
                String[] fileAndIndices = row[1].substring("mnist=".length()).split(":");
                assertEquals(split.equals("test") ? "t10k" : "train", fileAndIndices[0]);
                String text = Files.readString(root.resolve(split).resolve(row[0] + ".gt.txt")).strip();
                int digits = text.replace(" ", "").length();
                assertTrue(digits >= 3 && digits <= 12 && text.matches("[0-9]+( [0-9]+)*"), text);
                String[] indices = fileAndIndices[1].split(",");
                assertEquals(digits, indices.length);
                for (int k = 0; k < indices.length; k++) {
                    int index = Integer.parseInt(indices[k]);
                    switch (split) {
                        case "train" -> assertTrue(index < 180, "train uses the first 90 % of the training file");
                        case "validation" -> assertTrue(index >= 180 && index < 200);
                        default -> assertTrue(index < MnistSplits.T10K_READABLE);
                    }
                    assertEquals(index % 10, text.replace(" ", "").charAt(k) - '0', "label of index " + index);
                    used.computeIfAbsent(split, s -> new HashSet<>()).add(fileAndIndices[0] + ":" + index);
                }
            }
        }
        assertDisjoint(used);
    }

    @Test
    void paragraphsHaveOneBoxPerLineInsideTheImageTopToBottom() throws IOException {
        for (int i = 0; i < 4; i++) {
            GeneratedSample s = new EmbeddedDatasets(dir, sources, 1)
                    .generator(new EmbeddedDatasets.Request(EmbeddedKind.PARAGRAPHS, DatasetSize.TINY, 3, false))
                    .generate("train", i);
            String[] lines = s.text().split("\n");
            assertTrue(lines.length >= 3 && lines.length <= 8, s.text());
            assertEquals(lines.length, s.lineBoxes().size());
            Box previous = null;
            for (Box b : s.lineBoxes()) {
                assertTrue(b.x() >= 0 && b.y() >= 0 && b.right() <= s.width() && b.bottom() <= s.height(), b.toString());
                if (previous != null) assertTrue(b.y() + b.height() / 2 > previous.y() + previous.height() / 2);
                previous = b;
            }
        }
    }

    @Test
    void anInterruptedGenerationLeavesNoDataset() throws IOException {
        // the other worker is still writing samples when the failure ends the stream (the clean-up must wait for it)
        SampleGenerator failing = (split, index) -> {
            if (index == 2) throw new IllegalStateException("disk full (simulated)");
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new GeneratedSample(2, 2, new float[4], "x", List.of(), "s");
        };
        Path target = dir.resolve("broken");
        var e = assertThrows(IllegalStateException.class, () -> new DatasetFolderWriter(2).write(target,
                Map.of("train", 64), failing, Map.of(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("disk full (simulated)"), e.getMessage());
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".broken")), "temporary folder removed");
        }
    }

    @Test
    void fontSplitsOfTheRealCatalogAreDisjointAndCoverAllTheFonts() {
        Map<String, Set<String>> splits = new HashMap<>();
        FontCatalog.SPLITS.forEach((k, v) -> splits.put(k, new HashSet<>(v)));
        assertDisjoint(splits);
        assertEquals(129, splits.values().stream().mapToInt(Set::size).sum());
    }

    static List<String[]> manifest(Path split) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(split.resolve("manifest.tsv"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && !line.isBlank()) rows.add(line.split("\t"));
        }
        return rows;
    }

    static void assertDisjoint(Map<String, Set<String>> bySplit) {
        List<String> names = new ArrayList<>(bySplit.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Set<String> common = new HashSet<>(bySplit.get(names.get(i)));
                common.retainAll(bySplit.get(names.get(j)));
                assertTrue(common.isEmpty(), names.get(i) + " and " + names.get(j) + " share " + common);
            }
        }
    }
}
