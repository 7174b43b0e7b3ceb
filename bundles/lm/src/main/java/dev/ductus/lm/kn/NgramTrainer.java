package dev.ductus.lm.kn;

import dev.ductus.lm.count.NgramCounts;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.count.Vocabulary;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.model.NgramModelBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Trains a word or character n-gram model from lines of text: one pass to count token frequencies and choose
 * the vocabulary, one pass to count n-grams over it (tokens outside it count as {@code <unk>}), then
 * {@link KneserNeyEstimator}. Each line is one sentence.
 */
public final class NgramTrainer {
    /**
     * @param minCounts index n = minimum count of an n-gram of order n (n >= 2; the last value repeats for
     *                  higher orders); null keeps everything
     * @param vocabularyLimit keep only this many of the most frequent tokens (0 = no limit)
     * @param vocabularyWords tokens always in the vocabulary, seen or not (null = none); with neither a limit
     *                        nor this list every token seen is in the vocabulary
     */
    public record Options(int order, TokenUnit unit, int[] minCounts, int vocabularyLimit, Collection<String> vocabularyWords) {
        public Options {
            if (order < 1) throw new IllegalArgumentException("order must be at least 1, was " + order);
            if (vocabularyLimit < 0) throw new IllegalArgumentException("negative vocabulary limit");
        }

        public static Options of(int order, TokenUnit unit) {
            return new Options(order, unit, null, 0, null);
        }
    }

    /** The model and what went into it. */
    public record Trained(NgramModel model, Discounts[] discounts, long sentences, long tokens, long outOfVocabulary) {
    }

    private NgramTrainer() {
    }

    public static Trained train(Iterable<String> lines, Options options, Consumer<String> progress) {
        long start = System.nanoTime();
        Map<String, long[]> frequencies = new HashMap<>();
        long lineCount = 0;
        for (String line : lines) {
            for (String t : options.unit().tokens(line)) frequencies.computeIfAbsent(t, k -> new long[1])[0]++;
            if (++lineCount % 200_000 == 0) progress.accept("counted tokens of " + lineCount + " lines");
        }
        Vocabulary vocabulary = chooseVocabulary(frequencies, options);
        progress.accept(String.format("vocabulary: %d of %d token types (%.1f s)", vocabulary.size() - 3,
                frequencies.size(), (System.nanoTime() - start) / 1e9));

        NgramCounts counts = new NgramCounts(options.order());
        long oov = 0;
        long done = 0;
        for (String line : lines) {
            List<String> tokens = options.unit().tokens(line);
            int[] ids = new int[tokens.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = vocabulary.idOrUnk(tokens.get(i));
                // A literal <s> or </s> inside a line would break the sentence padding: it is just unknown.
                if (ids[i] == Vocabulary.BOS_ID || ids[i] == Vocabulary.EOS_ID) ids[i] = Vocabulary.UNK_ID;
                if (ids[i] == Vocabulary.UNK_ID && !Vocabulary.UNK.equals(tokens.get(i))) oov++;
            }
            counts.addSentence(ids);
            if (++done % 200_000 == 0) progress.accept("counted n-grams of " + done + " lines");
        }
        StringBuilder sizes = new StringBuilder();
        for (int n = 1; n <= options.order(); n++) sizes.append(n == 1 ? "" : ", ").append(counts.table(n).size());
        progress.accept(String.format("%d sentences, %d tokens, %d out of vocabulary; distinct n-grams: %s (%.1f s)",
                counts.sentences(), counts.tokens(), oov, sizes, (System.nanoTime() - start) / 1e9));

        KneserNeyEstimator.Result result = KneserNeyEstimator.estimate(counts, vocabulary.size(), options.minCounts());
        for (int n = 1; n <= options.order(); n++) {
            Discounts d = result.discounts()[n];
            progress.accept(String.format("order %d: D1=%.4f D2=%.4f D3+=%.4f%s", n, d.d1(), d.d2(), d.d3plus(),
                    d.fallback() ? " (fallback: too few counts to estimate)" : ""));
        }
        NgramModel model = NgramModelBuilder.build(vocabulary.toArray(), result.lists());
        progress.accept(String.format("estimated %d n-grams (%.1f s)", model.totalCount(), (System.nanoTime() - start) / 1e9));
        return new Trained(model, result.discounts(), counts.sentences(), counts.tokens(), oov);
    }

    private static Vocabulary chooseVocabulary(Map<String, long[]> frequencies, Options options) {
        Set<String> chosen = new LinkedHashSet<>();
        boolean limited = options.vocabularyLimit() > 0;
        boolean listed = options.vocabularyWords() != null;
        List<Map.Entry<String, long[]>> byFrequency = new ArrayList<>(frequencies.entrySet());
        byFrequency.sort((a, b) -> {
            int c = Long.compare(b.getValue()[0], a.getValue()[0]);
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        if (limited || !listed) {
            int max = limited ? options.vocabularyLimit() : Integer.MAX_VALUE;
            for (Map.Entry<String, long[]> e : byFrequency) {
                if (chosen.size() >= max) break;
                if (!isSpecial(e.getKey())) chosen.add(e.getKey());
            }
        }
        if (listed) {
            for (String w : options.vocabularyWords()) if (!isSpecial(w) && !w.isBlank()) chosen.add(w);
        }
        return Vocabulary.of(chosen);
    }

    private static boolean isSpecial(String w) {
        return w.equals(Vocabulary.UNK) || w.equals(Vocabulary.BOS) || w.equals(Vocabulary.EOS);
    }
}
