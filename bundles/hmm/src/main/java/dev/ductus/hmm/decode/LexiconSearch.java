package dev.ductus.hmm.decode;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.model.Alphabet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words of a lexicon trie, scored by a word LM when they end, steered before that by a unigram look-ahead
 * ({@link LexiconLookahead}) that the word's end takes back. A word ends when the space
 * model starts (a visible gap), when the next word's first character starts without a gap (touching words),
 * or at the end of the line; each word costs one insertion penalty.
 * <p>
 * With a hybrid LM, a path that leaves the trie goes on as an out-of-vocabulary word spelled character by
 * character; the hybrid LM scores the whole spelling (its {@code <unk>} probability times its character
 * model) when the word ends, and meanwhile each prefix is charged what the LM would give it as a whole word.
 * Word prefixes outside the trie are interned per decoding call, so tokens with the same spelling recombine.
 */
final class LexiconSearch implements LinguisticSearch {
    /**
     * The history: LM state, trie node of the word so far ({@link Lexicon#ROOT} between words, -1 off the
     * trie), the out-of-vocabulary prefix id (-1 in the trie), whether a word was emitted, whether a gap is open,
     * and the look-ahead score already charged for the word so far (a function of the rest, taken back when the
     * word ends).
     */
    record Context(LmState lm, int node, int oov, boolean started, boolean gap, double charged) {
    }

    private record WordEnd(double logScore, LmState next) {
    }

    private final Alphabet alphabet;
    private final int space;
    private final LanguageModel lm;
    private final Lexicon lexicon;
    private final boolean hybrid;
    private final double weight;
    private final double penalty;
    private final int[] codePoints;
    private final Map<Integer, String> nodeText = new HashMap<>();
    private final Map<String, Integer> oovIds = new HashMap<>();
    private final List<String> oovText = new ArrayList<>();
    private final Map<Context, WordEnd> wordEnds = new HashMap<>();
    private final LexiconLookahead lookahead;
    private static final WordEnd NO_WORD = new WordEnd(Double.NaN, null);

    LexiconSearch(Alphabet alphabet, int space, LanguageModel lm, boolean hybrid, double weight, double penalty) {
        this.alphabet = alphabet;
        this.space = space;
        this.lm = lm;
        this.lexicon = lm.lexicon();
        this.hybrid = hybrid;
        this.weight = weight;
        this.penalty = penalty;
        this.codePoints = new int[alphabet.size()];
        for (int c = 0; c < codePoints.length; c++) codePoints[c] = alphabet.symbol(c).codePointAt(0);
        nodeText.put(Lexicon.ROOT, "");
        this.lookahead = LexiconLookahead.of(lm);
    }

    private Context inTrie(LmState h, int node) {
        return new Context(h, node, -1, true, false, weight * lookahead.at(node));
    }

    /** An out-of-vocabulary prefix is charged what the LM would give it as a whole word now. */
    private Context outside(LmState h, String prefix) {
        double charge = weight * lm.score(h, prefix).logProb();
        return new Context(h, -1, oovId(prefix), true, false, Double.isFinite(charge) ? charge : -1e9);
    }

    private static Context between(LmState h, boolean started, boolean gap) {
        return new Context(h, Lexicon.ROOT, -1, started, gap, 0);
    }

    @Override
    public Object start() {
        return between(lm.start(), false, false);
    }

    @Override
    public void expand(Object context, int c, Successors out) {
        Context ctx = (Context) context;
        boolean betweenWords = ctx.node() == Lexicon.ROOT && ctx.oov() < 0;
        if (c == space) {
            if (ctx.gap()) return;
            if (betweenWords) {
                out.add(c, 0, between(ctx.lm(), ctx.started(), true), false);
            } else {
                WordEnd end = wordEnd(ctx);
                if (end != null) out.add(c, end.logScore(), between(end.next(), true, true), false);
            }
            return;
        }
        if (betweenWords) {
            startWord(ctx.lm(), c, 0, ctx.started(), out);
            return;
        }
        Context inWord = continueWord(ctx, c);
        if (inWord != null) out.add(c, inWord.charged() - ctx.charged(), inWord, false);
        WordEnd end = wordEnd(ctx);
        if (end != null) startWord(end.next(), c, end.logScore(), true, out);
    }

    /**
     * Look-ahead charges only fall as a word grows and are never positive, so a step gains at most what the
     * context has been charged (when it leaves the trie or starts a new word) or what ending its word gains.
     */
    @Override
    public double maxStepScore(Object context) {
        Context ctx = (Context) context;
        double bound = Math.max(0, -ctx.charged());
        boolean betweenWords = ctx.node() == Lexicon.ROOT && ctx.oov() < 0;
        if (!betweenWords) {
            WordEnd end = wordEnd(ctx);
            if (end != null) bound = Math.max(bound, end.logScore());
        }
        return bound;
    }

    private void startWord(LmState state, int c, double before, boolean boundary, Successors out) {
        int child = lexicon.child(Lexicon.ROOT, codePoints[c]);
        Context next = null;
        if (child >= 0) {
            remember(Lexicon.ROOT, child, c);
            next = inTrie(state, child);
        } else if (hybrid) {
            next = outside(state, alphabet.symbol(c));
        }
        if (next != null) out.add(c, before + next.charged(), next, boundary);
    }

    private Context continueWord(Context ctx, int c) {
        if (ctx.node() >= 0) {
            int child = lexicon.child(ctx.node(), codePoints[c]);
            if (child >= 0) {
                remember(ctx.node(), child, c);
                return inTrie(ctx.lm(), child);
            }
            if (!hybrid) return null;
            return outside(ctx.lm(), nodeText.get(ctx.node()) + alphabet.symbol(c));
        }
        return outside(ctx.lm(), oovText.get(ctx.oov()) + alphabet.symbol(c));
    }

    private void remember(int parent, int child, int c) {
        if (!nodeText.containsKey(child)) nodeText.put(child, nodeText.get(parent) + alphabet.symbol(c));
    }

    private int oovId(String text) {
        Integer id = oovIds.get(text);
        if (id == null) {
            id = oovText.size();
            oovText.add(text);
            oovIds.put(text, id);
        }
        return id;
    }

    /** Ends the word of the context; null when it is not a word (and the LM cannot spell it). Remembered per context. */
    private WordEnd wordEnd(Context ctx) {
        WordEnd cached = wordEnds.get(ctx);
        if (cached != null) return cached == NO_WORD ? null : cached;
        WordEnd end = computeWordEnd(ctx);
        wordEnds.put(ctx, end == null ? NO_WORD : end);
        return end;
    }

    private WordEnd computeWordEnd(Context ctx) {
        String word;
        if (ctx.node() >= 0) {
            int id = lexicon.wordAt(ctx.node());
            if (id >= 0) {
                word = lexicon.word(id);
            } else if (hybrid) {
                word = nodeText.get(ctx.node());
            } else {
                return null;
            }
        } else {
            word = oovText.get(ctx.oov());
        }
        LmScore s = lm.score(ctx.lm(), word);
        if (!(s.logProb() > Double.NEGATIVE_INFINITY)) return null;
        return new WordEnd(weight * s.logProb() + penalty - ctx.charged(), s.next());
    }

    @Override
    public double end(Object context) {
        Context ctx = (Context) context;
        if (ctx.node() == Lexicon.ROOT && ctx.oov() < 0) return weight * lm.end(ctx.lm());
        WordEnd end = wordEnd(ctx);
        return end == null ? Double.NEGATIVE_INFINITY : end.logScore() + weight * lm.end(end.next());
    }

    @Override
    public String describe() {
        return (hybrid ? "lexicon + spelled OOV words, hybrid LM" : "lexicon, word LM") + " (" + lexicon.size() + " words)";
    }
}
