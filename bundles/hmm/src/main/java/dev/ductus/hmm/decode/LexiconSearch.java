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
 * Words of a lexicon trie, scored by a word LM when they end (no look-ahead: the LM is applied once the
 * word is complete, so the beam must be wide enough to carry word prefixes). A word ends when the space
 * model starts (a visible gap), when the next word's first character starts without a gap (touching words),
 * or at the end of the line; each word costs one insertion penalty.
 * <p>
 * With a hybrid LM, a path that leaves the trie goes on as an out-of-vocabulary word spelled character by
 * character; the hybrid LM scores the whole spelling (its {@code <unk>} probability times its character
 * model) when the word ends. Word prefixes outside the trie are interned per decoding call, so tokens with
 * the same spelling still recombine.
 */
final class LexiconSearch implements LinguisticSearch {
    /**
     * The history: LM state, trie node of the word so far ({@link Lexicon#ROOT} between words, -1 off the
     * trie), the out-of-vocabulary prefix id (-1 in the trie), whether a word was emitted, whether a gap is open.
     */
    record Context(LmState lm, int node, int oov, boolean started, boolean gap) {
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
    }

    @Override
    public Object start() {
        return new Context(lm.start(), Lexicon.ROOT, -1, false, false);
    }

    @Override
    public void expand(Object context, Successors out) {
        Context ctx = (Context) context;
        boolean betweenWords = ctx.node() == Lexicon.ROOT && ctx.oov() < 0;
        WordEnd end = betweenWords ? null : wordEnd(ctx);
        for (int c = 0; c < alphabet.size(); c++) {
            if (c == space) {
                if (ctx.gap()) continue;
                if (betweenWords) {
                    out.add(c, 0, new Context(ctx.lm(), Lexicon.ROOT, -1, ctx.started(), true), false);
                } else if (end != null) {
                    out.add(c, end.logScore(), new Context(end.next(), Lexicon.ROOT, -1, true, true), false);
                }
                continue;
            }
            if (betweenWords) {
                startWord(ctx.lm(), c, 0, ctx.started(), out);
                continue;
            }
            Context inWord = continueWord(ctx, c);
            if (inWord != null) out.add(c, 0, inWord, false);
            if (end != null) startWord(end.next(), c, end.logScore(), true, out);
        }
    }

    private void startWord(LmState state, int c, double before, boolean boundary, Successors out) {
        int child = lexicon.child(Lexicon.ROOT, codePoints[c]);
        if (child >= 0) {
            remember(Lexicon.ROOT, child, c);
            out.add(c, before, new Context(state, child, -1, true, false), boundary);
        } else if (hybrid) {
            out.add(c, before, new Context(state, -1, oovId(alphabet.symbol(c)), true, false), boundary);
        }
    }

    private Context continueWord(Context ctx, int c) {
        if (ctx.node() >= 0) {
            int child = lexicon.child(ctx.node(), codePoints[c]);
            if (child >= 0) {
                remember(ctx.node(), child, c);
                return new Context(ctx.lm(), child, -1, true, false);
            }
            if (!hybrid) return null;
            return new Context(ctx.lm(), -1, oovId(nodeText.get(ctx.node()) + alphabet.symbol(c)), true, false);
        }
        return new Context(ctx.lm(), -1, oovId(oovText.get(ctx.oov()) + alphabet.symbol(c)), true, false);
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

    /** Ends the word of the context; null when it is not a word (and the LM cannot spell it). */
    private WordEnd wordEnd(Context ctx) {
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
        return new WordEnd(weight * s.logProb() + penalty, s.next());
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
