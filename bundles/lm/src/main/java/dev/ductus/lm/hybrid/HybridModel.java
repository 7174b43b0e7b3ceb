package dev.ductus.lm.hybrid;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.lm.UnknownWords;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.lexicon.LexiconTrie;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.model.NgramState;

/**
 * An open-vocabulary word model: in-vocabulary words are scored by the word n-gram model, any other word by the
 * word model's {@code <unk>} times a character model's spelling of it.
 *
 * <pre>
 *   P(w | h) = P_word(w | h)                                   if w is in the word vocabulary V
 *   P(w | h) = P_word(&lt;unk&gt; | h) * P_spell(w) / Z             otherwise
 *   P_spell(w) = P_char(c1 .. cn | &lt;s&gt;) * (P_char(" " | &lt;s&gt; c1..cn) + P_char(&lt;/s&gt; | &lt;s&gt; c1..cn))
 *   Z = 1 - P_spell("") - sum over v in V of P_spell(v)
 * </pre>
 * Each word is spelled from the character model's start state (its history is reset per word) and ends where
 * the character model would put a space or end the line. P_spell sums to one over all finite strings without a
 * space (characters outside the character model's vocabulary counting as one symbol, its {@code <unk>}) when
 * the character model ends every string with probability one, which a back-off model with non-zero end
 * probabilities does; Z removes the spellings of in-vocabulary words and of the empty word, so that for every
 * history the word probabilities, {@code </s>} and all out-of-vocabulary strings sum to exactly one. The state
 * is the word model's state after {@code <unk>}, so decoders recombine all out-of-vocabulary words.
 */
public final class HybridModel implements LanguageModel {
    private final NgramModel words;
    private final NgramLanguageModel chars;
    private final int unk;
    private final double logNormalizer;
    private final LexiconTrie lexicon;

    public HybridModel(NgramModel wordModel, NgramModel charModel) {
        this.words = wordModel;
        this.chars = new NgramLanguageModel(charModel, TokenUnit.CHARACTER);
        this.unk = wordModel.unkId();
        if (unk < 0) throw new IllegalArgumentException("the word model has no <unk>: a hybrid model needs an open vocabulary");
        this.lexicon = new LexiconTrie(NgramLanguageModel.words(wordModel));
        double inVocabulary = Math.exp(spell(""));
        for (int i = 0; i < lexicon.size(); i++) inVocabulary += Math.exp(spell(lexicon.word(i)));
        double z = 1 - inVocabulary;
        if (!(z > 1e-12)) throw new IllegalArgumentException("the character model gives the word vocabulary all its mass (Z = " + z + ")");
        this.logNormalizer = Math.log(z);
    }

    /** ln Z, the share of the character model's mass left for out-of-vocabulary words. */
    public double logNormalizer() {
        return logNormalizer;
    }

    /** ln P_spell(word): the character model spelling the word from its start and ending it. */
    public double spell(String word) {
        LmState s = chars.start();
        double lp = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            LmScore c = chars.score(s, new String(Character.toChars(cp)));
            lp += c.logProb();
            s = c.next();
        }
        return lp + wordEnd(s);
    }

    /** ln of the character model putting a space or ending the line after the spelling state. */
    private double wordEnd(LmState s) {
        double space = chars.score(s, " ").logProb();
        double end = chars.end(s);
        double hi = Math.max(space, end);
        return hi + Math.log(Math.exp(space - hi) + Math.exp(end - hi));
    }

    /** The spelling of unknown words one character at a time: the same sums as {@link #score} makes. */
    private final UnknownWords unknownWords = new UnknownWords() {
        @Override
        public LmScore unknown(LmState history) {
            LmScore u = words.score(own(history), unk, HybridModel.this);
            return new LmScore(u.logProb() - logNormalizer, u.next());
        }

        @Override
        public LmState spellingStart() {
            return chars.start();
        }

        @Override
        public LmScore spell(LmState spelling, String character) {
            return chars.score(spelling, character);
        }

        @Override
        public double wordEnd(LmState spelling) {
            return HybridModel.this.wordEnd(spelling);
        }
    };

    @Override
    public UnknownWords unknownWords() {
        return unknownWords;
    }

    @Override
    public LmUnit unit() {
        return LmUnit.HYBRID;
    }

    @Override
    public int order() {
        return words.order();
    }

    @Override
    public LmState start() {
        return words.start(this);
    }

    @Override
    public LmScore score(LmState state, String token) {
        NgramState s = own(state);
        int id = words.id(token);
        if (id >= 0 && id != unk && !special(token)) return words.score(s, id, this);
        LmScore u = words.score(s, unk, this);
        return new LmScore(u.logProb() - logNormalizer + spell(token), u.next());
    }

    @Override
    public double end(LmState state) {
        return words.score(own(state), words.eosId(), this).logProb();
    }

    @Override
    public boolean contains(String token) {
        int id = words.id(token);
        return id >= 0 && id != unk && !special(token);
    }

    @Override
    public Lexicon lexicon() {
        return lexicon;
    }

    private static boolean special(String token) {
        return token.equals("<s>") || token.equals("</s>");
    }

    private NgramState own(LmState state) {
        if (state instanceof NgramState s && s.owner() == this) return s;
        throw new IllegalArgumentException("state " + state + " was not made by this language model");
    }
}
