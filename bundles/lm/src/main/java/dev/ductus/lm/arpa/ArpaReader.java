package dev.ductus.lm.arpa;

import dev.ductus.api.InputException;
import dev.ductus.lm.model.NgramList;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.model.NgramModelBuilder;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads ARPA back-off models as SRILM, KenLM and IRSTLM write them: optional backoff weights, {@code -99} or
 * {@code -inf} for impossible events, spaces or tabs between fields, gzip-compressed files; a log-probability
 * above 0 (IRSTLM writes P = 1 as a tiny positive log) is read as 0 with one warning per file, as KenLM does. The
 * {@code \data\} counts are checked against the sections; every problem is an {@link InputException} naming
 * the file and line.
 */
public final class ArpaReader {
    private final String source;
    private final BufferedReader in;
    private int lineNo;
    private String line;
    private final String[] fields = new String[64];
    private static final System.Logger LOG = System.getLogger(ArpaReader.class.getName());
    private int positive;
    private String firstPositive;

    private ArpaReader(BufferedReader in, String source) {
        this.in = in;
        this.source = source;
    }

    public static NgramModel read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try {
                InputStream data = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
                return read(data, file.toString());
            } catch (IOException e) {
                // a damaged gzip stream (bad header, bad deflate data, truncated) is bad input, named like the rest
                if (gzip) throw new InputException(file.toString(), "corrupt gzip data: " + e.getMessage(), e);
                throw e;
            }
        }
    }

    public static NgramModel read(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        return new ArpaReader(reader, source).parse();
    }

    private NgramModel parse() throws IOException {
        while (next() && !line.trim().equals("\\data\\")) {
            // Text before \data\ is a comment (SRILM and IRSTLM put headers there).
        }
        if (line == null) throw error("no \\data\\ section");
        long[] declared = readCounts();
        int order = declared.length - 1;

        List<String> vocabulary = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        NgramList[] lists = new NgramList[order + 1];
        int[][] lines = new int[order + 1][];
        int[] ngram = new int[order];
        for (int n = 1; n <= order; n++) {
            skipBlank();
            if (line == null) throw error("unexpected end of file: expected \\" + n + "-grams:");
            if (!line.trim().equals("\\" + n + "-grams:")) throw error("expected \\" + n + "-grams: but found '" + shorten(line) + "'");
            int expected = (int) declared[n];
            // the declared count is not trusted for allocation (a bad header in a small file must not exhaust the
            // heap): start small and grow with the entries actually read; the count is checked at the section's end
            int initial = Math.max(1, Math.min(expected, 1 << 16));
            NgramList list = new NgramList(n, initial);
            int[] entryLines = new int[initial];
            while (next() && !line.isBlank() && !line.trim().startsWith("\\")) {
                int count = split(line);
                if (count != n + 1 && count != n + 2) {
                    throw error("a " + n + "-gram line needs " + (n + 1) + " or " + (n + 2) + " fields, found " + count);
                }
                float prob = ArpaNumbers.parse(fields[0]);
                if (Float.isNaN(prob)) throw error("bad log-probability '" + fields[0] + "'");
                if (prob > 0) {
                    // IRSTLM rounds P = 1 to a tiny positive log: read as 0 with one warning, as KenLM's reader does
                    if (positive++ == 0) firstPositive = lineNo + ": " + fields[0];
                    prob = 0f;
                }
                float backoff = 0f;
                if (count == n + 2) {
                    if (n == order) throw error("backoff weight on a " + n + "-gram of the highest order");
                    backoff = ArpaNumbers.parse(fields[n + 1]);
                    if (Float.isNaN(backoff)) throw error("bad backoff weight '" + fields[n + 1] + "'");
                }
                for (int i = 0; i < n; i++) {
                    String word = fields[1 + i];
                    Integer id = ids.get(word);
                    if (n == 1) {
                        if (id != null) throw error("duplicate unigram '" + word + "'");
                        id = vocabulary.size();
                        vocabulary.add(word);
                        ids.put(word, id);
                    } else if (id == null) {
                        throw error("word '" + word + "' is not among the unigrams");
                    }
                    ngram[i] = id;
                }
                if (list.size() == expected) throw error("more " + n + "-grams than the " + expected + " declared in \\data\\");
                if (list.size() == entryLines.length) entryLines = java.util.Arrays.copyOf(entryLines, Math.min(expected, entryLines.length * 2));
                entryLines[list.size()] = lineNo;
                list.add(ngram, 0, prob, backoff);
            }
            if (list.size() != expected) {
                throw error("\\" + n + "-grams: has " + list.size() + " entries, \\data\\ declares " + expected
                        + (line == null ? " (file truncated?)" : ""));
            }
            lists[n] = list;
            lines[n] = entryLines;
        }
        if (positive > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} log-probabilities above 0 read as 0 (first at line {2})",
                    source, positive, firstPositive);
        }
        skipBlank();
        if (line == null) throw error("unexpected end of file: no \\end\\");
        if (!line.trim().equals("\\end\\")) throw error("expected \\end\\ but found '" + shorten(line) + "'");
        try {
            return NgramModelBuilder.build(vocabulary.toArray(new String[0]), lists);
        } catch (NgramModelBuilder.DuplicateNgramException e) {
            throw new InputException(source + ":" + lines[e.order][e.entry], "duplicate " + e.order + "-gram");
        }
    }

    private long[] readCounts() throws IOException {
        List<Long> counts = new ArrayList<>();
        counts.add(0L);
        while (next() && !line.isBlank()) {
            String t = line.trim();
            if (t.startsWith("\\")) break;
            if (!t.startsWith("ngram")) throw error("expected 'ngram N=COUNT' in \\data\\, found '" + shorten(t) + "'");
            String rest = t.substring(5);
            int eq = rest.indexOf('=');
            if (eq < 0) throw error("expected 'ngram N=COUNT' in \\data\\, found '" + shorten(t) + "'");
            int n;
            long c;
            try {
                n = Integer.parseInt(rest.substring(0, eq).trim());
                c = Long.parseLong(rest.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw error("bad count line '" + shorten(t) + "'");
            }
            if (n != counts.size()) throw error("expected the count of " + counts.size() + "-grams, found order " + n);
            if (c < 0 || c > Integer.MAX_VALUE) throw error("bad " + n + "-gram count " + c);
            counts.add(c);
        }
        if (counts.size() == 1) throw error("\\data\\ declares no n-gram counts");
        long[] out = new long[counts.size()];
        for (int i = 0; i < out.length; i++) out[i] = counts.get(i);
        return out;
    }

    private boolean next() throws IOException {
        line = in.readLine();
        if (line != null) lineNo++;
        return line != null;
    }

    private void skipBlank() throws IOException {
        while (line != null && line.isBlank()) next();
    }

    private int split(String s) {
        int count = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
            int start = i;
            while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t') i++;
            if (i > start) {
                if (count == fields.length) return count + 1;
                fields[count++] = s.substring(start, i);
            }
        }
        return count;
    }

    private InputException error(String problem) {
        return new InputException(source + ":" + Math.max(1, lineNo), problem);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
