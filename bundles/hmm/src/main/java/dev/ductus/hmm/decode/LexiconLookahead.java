package dev.ductus.hmm.decode;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmState;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Unigram language-model look-ahead over the lexicon trie: for every node, the best log probability of any
 * word below it. A token inside a word carries the look-ahead of its node, so word prefixes compete with
 * finished words on a fair footing; when the word ends, the look-ahead is taken back and the real n-gram
 * score applied, so final scores are unchanged. The API has no unigram query, so "unigram" here is the
 * model's probability after a history of two unknown words (for a back-off model, its lowest orders): a
 * heuristic that only steers pruning. Computed once per language model (cached weakly).
 */
final class LexiconLookahead {
    /** A token no vocabulary contains (scored as {@code <unk>}). */
    private static final String UNKNOWN = "\u0000";
    private static final Map<LanguageModel, LexiconLookahead> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private final float[] best;

    private LexiconLookahead(LanguageModel lm) {
        Lexicon lexicon = lm.lexicon();
        LmState h = lm.score(lm.score(lm.start(), UNKNOWN).next(), UNKNOWN).next();
        float[] b = new float[1024];
        Arrays.fill(b, Float.NEGATIVE_INFINITY);
        for (int id = 0; id < lexicon.size(); id++) {
            String word = lexicon.word(id);
            float u = (float) lm.score(h, word).logProb();
            int node = Lexicon.ROOT;
            for (int i = 0; i < word.length() && node >= 0; ) {
                int cp = word.codePointAt(i);
                i += Character.charCount(cp);
                node = lexicon.child(node, cp);
                if (node < 0) break;
                if (node >= b.length) {
                    int old = b.length;
                    b = Arrays.copyOf(b, Math.max(2 * old, node + 1));
                    Arrays.fill(b, old, b.length, Float.NEGATIVE_INFINITY);
                }
                if (u > b[node]) b[node] = u;
            }
        }
        b[Lexicon.ROOT] = 0;
        this.best = b;
    }

    static LexiconLookahead of(LanguageModel lm) {
        return CACHE.computeIfAbsent(lm, LexiconLookahead::new);
    }

    /** The best unigram log probability of the words below the node (0 at the root). */
    double at(int node) {
        if (node == Lexicon.ROOT) return 0;
        float v = node < best.length ? best[node] : Float.NEGATIVE_INFINITY;
        return v == Float.NEGATIVE_INFINITY ? 0 : v;
    }
}
