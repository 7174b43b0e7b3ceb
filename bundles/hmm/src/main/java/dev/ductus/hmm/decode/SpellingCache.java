package dev.ductus.hmm.decode;

import dev.ductus.api.lm.LanguageModel;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hybrid LM's score of unknown words at the start of a line, per spelling, shared by all decoding calls and
 * threads that use the same model: the spelling part does not depend on the history, and the same prefixes
 * come up line after line. Bounded: emptied when it grows past {@link #LIMIT} entries.
 */
final class SpellingCache {
    static final int LIMIT = 1 << 20;
    private static final Map<LanguageModel, SpellingCache> CACHES = Collections.synchronizedMap(new WeakHashMap<>());

    private final LanguageModel lm;
    private final ConcurrentHashMap<String, Double> scores = new ConcurrentHashMap<>();

    private SpellingCache(LanguageModel lm) {
        this.lm = lm;
    }

    static SpellingCache of(LanguageModel lm) {
        return CACHES.computeIfAbsent(lm, SpellingCache::new);
    }

    /** log P(word | start of line) for a word the model does not know. */
    double score(String word) {
        Double s = scores.get(word);
        if (s == null) {
            s = lm.score(lm.start(), word).logProb();
            if (scores.size() >= LIMIT) scores.clear();
            scores.put(word, s);
        }
        return s;
    }
}
