package dev.ductus.hybrid.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ductus.api.model.Alphabet;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.train.Alignment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentCacheTest {
    @TempDir
    Path dir;

    private static final CharacterHmms HMMS = CharacterHmms.create(new Alphabet(List.of(" ", "a", "b")), new int[] {1, 2, 3}, 0.6, 0);

    private static Alignment alignment(String id, int... states) {
        int[] zeros = new int[states.length];
        return new Alignment(id, states, zeros, zeros, zeros, -1);
    }

    @Test
    void keepsTheAlignmentInAHiddenFolderNextToTheImages() throws Exception {
        Path split = Files.createDirectories(dir.resolve("cursive-small-g1/train"));
        Path image = Files.writeString(split.resolve("train-000000.png"), "not really a png");
        AlignmentCache cache = new AlignmentCache(dir.resolve("fallback"));
        Path file = cache.location(image.toString(), "cursive-train", "0123456789abcdef");
        assertEquals(split.resolve(".alignments/cursive-train-0123456789abcdef.align"), file);

        assertNull(cache.read(file, HMMS));
        cache.write(file, HMMS, List.of(alignment("a", 0, 1, 2, 0), alignment("b", 3, 4, 5)));
        Map<String, int[]> read = cache.read(file, HMMS);
        assertArrayEquals(new int[] {0, 1, 2, 0}, read.get("a"));
        assertArrayEquals(new int[] {3, 4, 5}, read.get("b"));

        // made for another HMM layout: not used
        CharacterHmms other = CharacterHmms.create(HMMS.alphabet(), new int[] {1, 3, 3}, 0.6, 0);
        assertNull(cache.read(file, other));
        // corrupt: not used (recomputed by the caller)
        Files.writeString(file, "# ductus-alignment 1\n# alphabet 20 61 62\n# states 1 2 3\nx\t2\t0 9\n");
        assertNull(cache.read(file, HMMS));
    }

    @Test
    void linesWithoutAFolderUseTheFallback() {
        AlignmentCache cache = new AlignmentCache(dir.resolve("fallback"));
        assertEquals(dir.resolve("fallback/rendered-train-k.align"), cache.location("rendered", "rendered-train", "k"));
        assertEquals(dir.resolve("fallback/data-k.align"), cache.location(null, "", "k"));
        assertEquals(dir.resolve("fallback/a_b-k.align"), cache.location(null, "a/b", "k"));
    }

    @Test
    void theKeyChangesWithModelPreprocessingAndLines() throws Exception {
        Path model = Files.writeString(dir.resolve("m.gmmhmm"), "model bytes");
        String digest = AlignmentKey.modelDigest(model);
        List<AlignmentKey.Line> lines = List.of(new AlignmentKey.Line("l1", "a b"), new AlignmentKey.Line("l2", "ba"));
        String key = AlignmentKey.of(digest, "default", lines);
        assertEquals(16, key.length());
        assertEquals(key, AlignmentKey.of(AlignmentKey.modelDigest(model), "default", List.copyOf(lines)));
        assertNotEquals(key, AlignmentKey.of(digest, "uniform", lines));
        assertNotEquals(key, AlignmentKey.of(digest, "default", List.of(lines.get(0), new AlignmentKey.Line("l2", "ab"))));
        assertNotEquals(key, AlignmentKey.of(digest, "default", List.of(lines.get(0))));
        // ids and texts are length-prefixed: moving a character from one field to the next changes the key
        assertNotEquals(AlignmentKey.of(digest, "default", List.of(new AlignmentKey.Line("l1a", "b"))),
                AlignmentKey.of(digest, "default", List.of(new AlignmentKey.Line("l1", "ab"))));
        Files.writeString(model, "other model bytes");
        assertNotEquals(key, AlignmentKey.of(AlignmentKey.modelDigest(model), "default", lines));
    }
}
