package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.lm.model.ModelFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs {@link LanguageModelFilesFuzzTest} found that escaped the readers; each must be a clear InputException. */
class LanguageModelFilesRegressionTest {
    @TempDir
    Path dir;

    /** Seed 20261212: one flipped byte made the vocabulary size 67 M; the reader allocated it (OutOfMemoryError). */
    @Test
    void binaryHugeVocabularyIsRefusedBeforeAllocating() throws IOException {
        byte[] bytes = HexFormat.of().parseHex("4455435455534c4d" + "01000000" + "03000000" + "06000004"
                + "050000003c756e6b3e");
        InputException e = refused("huge-vocabulary.bin", bytes);
        assertTrue(e.getMessage().contains("67108870 words"), e.getMessage());
    }

    /** The same with a table capacity of 2^30 in an otherwise small file. */
    @Test
    void binaryHugeTableIsRefusedBeforeAllocating() throws IOException {
        StringBuilder hex = new StringBuilder("4455435455534c4d" + "01000000" + "02000000" + "01000000" + "01000000" + "61");
        hex.append("01000000").append("01000000"); // counts: 1 unigram, 1 bigram
        hex.append("00000000").append("00000000").append("0000000000000000"); // prob, backoff, extended bits
        hex.append("00000040"); // capacity 2^30
        refused("huge-table.bin", HexFormat.of().parseHex(hex));
    }

    /** Seed 20261210: '-٣1' (an Arabic-Indic digit) passed the number check and Float.parseFloat threw. */
    @Test
    void arpaNonAsciiDigitIsABadNumber() throws IOException {
        String arpa = "\\data\\\nngram 1=1\n\n\\1-grams:\n-\u06631\ta\n\n\\end\\\n";
        InputException e = refused("digit.arpa", arpa.getBytes(StandardCharsets.UTF_8));
        assertTrue(e.getMessage().contains(":5") && e.getMessage().contains("bad log-probability"), e.getMessage());
    }

    /** Seed 20261211: a gzip header with an unknown compression method escaped as a ZipException. */
    @Test
    void gzipWithBadMethodIsBadInput() throws IOException {
        refused("method.arpa.gz", HexFormat.of().parseHex("1f8b0900000000000000ff4d8b4b0ac3300c44"));
    }

    /** A gzipped ARPA file cut in the middle of its deflate stream (an EOFException before). */
    @Test
    void truncatedGzipIsBadInput() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write("\\data\\\nngram 1=2\n\n\\1-grams:\n-1 a\n-1 b\n\n\\end\\\n".repeat(20).getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = out.toByteArray();
        refused("cut.arpa.gz", Arrays.copyOf(whole, whole.length / 2));
    }

    private InputException refused(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        InputException e = assertThrows(InputException.class, () -> ModelFiles.load(file));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        return e;
    }
}
