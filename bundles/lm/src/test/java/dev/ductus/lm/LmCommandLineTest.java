package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.lm.cli.LmCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmCommandLineTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        out.reset();
        err.reset();
        return new LmCommandLine().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainEvaluateConvertAndInspect() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, TestModels.sample());
        Path arpa = dir.resolve("m.arpa");
        assertEquals(0, run("train", "--order", "3", "--unit", "word", "--cutoff", "1,2", "--vocab-size", "100",
                corpus.toString(), "-o", arpa.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("order 3: D1="), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("ppl", arpa.toString(), corpus.toString()));
        assertTrue(out().matches("(?s)file .*corpus.txt: 16 sentences, 348 words, \\d+ OOVs\n0 zeroprobs, logprob= -[0-9.]+ ppl= [0-9.]+ ppl1= [0-9.]+\n"), out());
        String arpaPpl = out();

        Path bin = dir.resolve("m.bin");
        assertEquals(0, run("convert", arpa.toString(), bin.toString()));
        assertEquals(0, run("ppl", bin.toString(), corpus.toString()));
        assertEquals(arpaPpl.replace("m.arpa", "m.bin"), out(), "the binary model scores as the ARPA file");
        assertEquals(0, run("info", bin.toString()));
        assertTrue(out().contains("order: 3") && out().contains("unit: word") && out().contains("binary"), out());

        Path chars = dir.resolve("c.arpa");
        assertEquals(0, run("train", "--order", "5", "--unit", "char", corpus.toString(), "-o", chars.toString()));
        assertEquals(0, run("info", chars.toString()));
        assertTrue(out().contains("unit: char"), out());
        assertEquals(0, run("ppl", "--unk", chars.toString(), corpus.toString()));
        assertTrue(out().contains(" 0 OOVs"), out());
        assertEquals(0, run("ppl", "--char-model", chars.toString(), arpa.toString(), corpus.toString()));
        assertTrue(out().contains(" 0 OOVs"), "the hybrid model knows every word: " + out());
    }

    @Test
    void badUsageAndBadInputHaveTheirExitCodes() throws Exception {
        assertEquals(2, run());
        assertEquals(2, run("train", "--order", "x", "c.txt", "-o", "m.arpa"));
        assertEquals(2, run("frobnicate"));
        assertEquals(1, run("info", dir.resolve("none.arpa").toString()));
        Path broken = dir.resolve("broken.arpa");
        Files.writeString(broken, "\\data\\\nngram 1=2\n\n\\1-grams:\n-1 a\n");
        assertEquals(1, run("info", broken.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("broken.arpa:5: "), err.toString(StandardCharsets.UTF_8));
    }

    /** Defect: `lm train` on an empty corpus wrote a model and exited 0. */
    @Test
    void trainingOnAnEmptyCorpusIsAnErrorAndWritesNothing() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
        Path model = dir.resolve("empty.arpa");
        assertEquals(1, run("train", "--order", "3", "--unit", "word", empty.toString(), "-o", model.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("empty.txt: no text to train on"), err.toString(StandardCharsets.UTF_8));
        assertTrue(!Files.exists(model), "no model written");
    }
}
