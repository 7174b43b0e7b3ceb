package dev.ductus.data.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Splits the corpus by document, so train, validation and test lines come from different chapters and
 * speeches: a stable hash of the document name puts 80 % into train and 10 % each into validation and test.
 * A line text that also occurs in an earlier split (speeches repeat their openings) is removed from the later
 * one, so no text line is in two splits.
 */
public final class CorpusSplits {
    public static final List<String> SPLITS = List.of("train", "validation", "test");

    /** The lines of one document, in reading order. */
    public record Passage(String document, List<String> lines) {
    }

    private final Map<String, List<Passage>> passages = new LinkedHashMap<>();

    public CorpusSplits(List<Corpus.Document> documents, long seed) {
        for (String s : SPLITS) passages.put(s, new ArrayList<>());
        Set<String> earlier = new HashSet<>();
        for (String split : SPLITS) {
            Set<String> seen = new HashSet<>();
            for (Corpus.Document d : documents) {
                if (!splitOf(d.name()).equals(split)) continue;
                SplittableRandom r = new SplittableRandom(seed ^ hash(d.name()));
                List<String> kept = new ArrayList<>();
                for (String line : LineCutter.cut(TextNormalizer.normalize(d.text()), r)) {
                    if (!earlier.contains(line) && seen.add(line)) kept.add(line);
                }
                if (!kept.isEmpty()) passages.get(split).add(new Passage(d.name(), List.copyOf(kept)));
            }
            earlier.addAll(seen);
        }
    }

    public static String splitOf(String documentName) {
        int bucket = (int) Long.remainderUnsigned(hash(documentName), 10);
        return bucket < 8 ? "train" : bucket == 8 ? "validation" : "test";
    }

    public List<Passage> passages(String split) {
        List<Passage> p = passages.get(split);
        if (p == null) throw new IllegalArgumentException("unknown split " + split);
        return p;
    }

    /** Every line of the split, document after document. */
    public List<String> lines(String split) {
        List<String> all = new ArrayList<>();
        for (Passage p : passages(split)) all.addAll(p.lines());
        return all;
    }

    /** 64-bit FNV-1a of the UTF-8 bytes, then a final mix: stable across JVMs and runs. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
