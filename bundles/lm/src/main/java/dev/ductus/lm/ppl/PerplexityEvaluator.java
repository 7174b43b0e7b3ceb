package dev.ductus.lm.ppl;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.lm.count.TokenUnit;

/**
 * Scores lines of text sentence by sentence, as SRILM's {@code ngram -ppl} does: each line is a sentence that
 * starts after {@code <s>} and ends with {@code </s>}. An out-of-vocabulary token is scored as {@code <unk>}
 * and counted as a word when {@code unknownAsWord} (SRILM's {@code -unk}); otherwise it is counted as an OOV,
 * its probability left out, and the history goes on through {@code <unk>}. A probability of log10 -99 or less
 * counts as a zeroprob. Blank lines are skipped. A hybrid model scores every word, so it has no OOVs.
 */
public final class PerplexityEvaluator {
    private static final double LN10 = Math.log(10);

    private PerplexityEvaluator() {
    }

    public static Perplexity evaluate(LanguageModel lm, TokenUnit unit, Iterable<String> lines, boolean unknownAsWord) {
        // A hybrid model spells every word, so it has no out-of-vocabulary words to leave out.
        boolean open = unknownAsWord || lm.unit() == LmUnit.HYBRID;
        long sentences = 0, words = 0, oovs = 0, zeroprobs = 0;
        double log10 = 0;
        for (String line : lines) {
            if (line.isBlank()) continue;
            sentences++;
            LmState state = lm.start();
            for (String spelling : unit.tokens(line)) {
                String token = unit.token(spelling);
                words++;
                LmScore s = lm.score(state, token);
                state = s.next();
                if (!open && !lm.contains(token)) {
                    oovs++;
                    continue;
                }
                double p = s.logProb() / LN10;
                if (p <= -99) zeroprobs++;
                else log10 += p;
            }
            double p = lm.end(state) / LN10;
            if (p <= -99) zeroprobs++;
            else log10 += p;
        }
        return new Perplexity(sentences, words, oovs, zeroprobs, log10);
    }
}
