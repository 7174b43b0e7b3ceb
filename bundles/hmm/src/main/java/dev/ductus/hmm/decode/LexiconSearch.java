package dev.ductus.hmm.decode;

import dev.ductus.api.InputException;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.UnknownWords;
import dev.ductus.api.model.Alphabet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Words of a lexicon trie, scored by a word LM when they end, steered before that by a unigram look-ahead
 * ({@link LexiconLookahead}) that the word's end takes back. A word ends when the space model starts (a
 * visible gap), when the next word's first character starts without a gap (touching words), or at the end of
 * the line; each word costs one insertion penalty.
 * <p>
 * With a hybrid LM, a path that leaves the trie goes on as an out-of-vocabulary word spelled character by
 * character; the hybrid LM scores the whole spelling when the word ends, and meanwhile each prefix is charged
 * what the LM would give it as a whole word. A hybrid LM scores an unknown word as {@code P(<unk> | h)} times a
 * spelling probability that does not depend on h ({@link dev.ductus.api.lm.LmUnit#HYBRID}), so the charge is
 * computed as spelling(prefix) + unknown(h), each remembered on its own ({@link UnknownWords}): a prefix is
 * spelled once per line, not once per history, and by one character step from its parent's spelling state, not
 * from its first character. Prefixes are numbered per call (a prefix extended by a symbol is a table look-up, not a
 * string to build and hash), and the context holds the number, so tokens with the same spelling recombine.
 */
final class LexiconSearch implements LinguisticSearch {
    /**
     * The history: LM state, trie node of the word so far ({@link Lexicon#ROOT} between words, -1 off the
     * trie), the number of the out-of-vocabulary prefix (-1 in the trie), whether a word was emitted, whether a gap is open,
     * and the look-ahead score already charged for the word so far (a function of the rest, taken back when the
     * word ends). The hash is computed once: contexts are hash keys of the search.
     */
    static final class Context {
        final LmState lm;
        final int node;
        final int oov;
        final boolean started;
        final boolean gap;
        final double charged;
        private final int hash;

        Context(LmState lm, int node, int oov, boolean started, boolean gap, double charged) {
            this.lm = lm;
            this.node = node;
            this.oov = oov;
            this.started = started;
            this.gap = gap;
            this.charged = charged;
            this.hash = (((Objects.hashCode(lm) * 31 + node) * 31 + oov) * 4 + (started ? 2 : 0)) + (gap ? 1 : 0);
        }

        boolean betweenWords() {
            return node == Lexicon.ROOT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Context c && c.hash == hash && c.node == node && c.started == started && c.gap == gap
                    && c.oov == oov && Objects.equals(c.lm, lm);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record WordEnd(double logScore, LmState next) {
    }

    private static final WordEnd NO_WORD = new WordEnd(Double.NaN, null);

    private final Alphabet alphabet;
    private final int space;
    private final LanguageModel lm;
    private final Lexicon lexicon;
    private final boolean hybrid;
    private final UnknownWords unknownWords;
    private final double weight;
    private final double penalty;
    private final int[] codePoints;
    private final Map<Context, WordEnd> wordEnds = new HashMap<>();
    /** {@code log P(<unk> | h)} and the state after an unknown word, per history. */
    private final Map<LmState, LmScore> unknowns = new HashMap<>();
    private final LexiconLookahead lookahead;
    /** Trie nodes met in this call (hybrid LM): parent, symbol, and the spelling of their text when asked for. */
    private int[] nodeParent = new int[1024];
    private int[] nodeSymbol = new int[1024];
    private LmState[] nodeSpelling = new LmState[1024];
    private double[] nodeLogProb = new double[1024];
    /**
     * Out-of-vocabulary prefixes of this call: spelling state, log probability of the characters, score as a whole
     * unknown word (characters + word end), and the number of each one-symbol extension.
     */
    private int prefixes;
    private LmState[] prefixSpelling = new LmState[256];
    private double[] prefixLogProb = new double[256];
    private double[] prefixScore = new double[256];
    private final LongIntTable prefixChildren = new LongIntTable();

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
        this.lookahead = LexiconLookahead.of(lm);
        this.unknownWords = hybrid ? lm.unknownWords() : null;
        if (hybrid && unknownWords == null) {
            throw new InputException("decoder", "the hybrid LM does not spell unknown words (it has no UnknownWords)");
        }
        if (hybrid) nodeSpelling[Lexicon.ROOT] = unknownWords.spellingStart();
    }

    private Context inTrie(LmState h, int node) {
        return new Context(h, node, -1, true, false, weight * lookahead.at(node));
    }

    /** An out-of-vocabulary prefix, charged what the LM would give it as a whole word after h. */
    private Context outside(LmState h, int prefix) {
        double charge = weight * (unknown(h).logProb() + prefixScore[prefix]);
        return new Context(h, -1, prefix, true, false, Double.isFinite(charge) ? charge : -1e9);
    }

    /**
     * The number of the prefix that extends a trie node's text ({@code inTrie}) or an out-of-vocabulary prefix
     * by symbol c, spelled from its parent's spelling by one character when first met.
     */
    private int extend(int parent, boolean inTrie, int c) {
        long key = ((long) parent * 2 + (inTrie ? 1 : 0)) * codePoints.length + c;
        int id = prefixChildren.get(key);
        if (id >= 0) return id;
        LmState from;
        double before;
        if (inTrie) {
            from = nodeSpelling(parent);
            before = nodeLogProb[parent];
        } else {
            from = prefixSpelling[parent];
            before = prefixLogProb[parent];
        }
        LmScore step = unknownWords.spell(from, alphabet.symbol(c));
        id = prefixes++;
        if (id == prefixScore.length) {
            prefixSpelling = Arrays.copyOf(prefixSpelling, 2 * id);
            prefixLogProb = Arrays.copyOf(prefixLogProb, 2 * id);
            prefixScore = Arrays.copyOf(prefixScore, 2 * id);
        }
        double lp = before + step.logProb();
        prefixSpelling[id] = step.next();
        prefixLogProb[id] = lp;
        prefixScore[id] = lp + unknownWords.wordEnd(step.next());
        prefixChildren.put(key, id);
        return id;
    }

    /** The spelling state of a trie node's text (hybrid LM), built from its parent's when first asked for. */
    private LmState nodeSpelling(int node) {
        LmState s = nodeSpelling[node];
        if (s != null) return s;
        int parent = nodeParent[node];
        LmScore step = unknownWords.spell(nodeSpelling(parent), alphabet.symbol(nodeSymbol[node]));
        nodeLogProb[node] = nodeLogProb[parent] + step.logProb();
        nodeSpelling[node] = step.next();
        return step.next();
    }

    private LmScore unknown(LmState h) {
        LmScore u = unknowns.get(h);
        if (u == null) {
            u = unknownWords.unknown(h);
            unknowns.put(h, u);
        }
        return u;
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
        if (c == space) {
            if (ctx.gap) return;
            if (ctx.betweenWords()) {
                out.add(c, 0, between(ctx.lm, ctx.started, true), false);
            } else {
                WordEnd end = wordEnd(ctx);
                if (end != null) out.add(c, end.logScore(), between(end.next(), true, true), false);
            }
            return;
        }
        if (ctx.betweenWords()) {
            startWord(ctx.lm, c, 0, ctx.started, out);
            return;
        }
        Context inWord = continueWord(ctx, c);
        if (inWord != null) out.add(c, inWord.charged - ctx.charged, inWord, false);
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
        double bound = Math.max(0, -ctx.charged);
        if (!ctx.betweenWords()) {
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
            next = outside(state, extend(Lexicon.ROOT, true, c));
        }
        if (next != null) out.add(c, before + next.charged, next, boundary);
    }

    private Context continueWord(Context ctx, int c) {
        if (ctx.node >= 0) {
            int child = lexicon.child(ctx.node, codePoints[c]);
            if (child >= 0) {
                remember(ctx.node, child, c);
                return inTrie(ctx.lm, child);
            }
            if (!hybrid) return null;
            return outside(ctx.lm, extend(ctx.node, true, c));
        }
        return outside(ctx.lm, extend(ctx.oov, false, c));
    }

    private void remember(int parent, int child, int c) {
        if (!hybrid) return;
        if (child >= nodeParent.length) {
            int n = Math.max(2 * nodeParent.length, child + 1);
            nodeParent = Arrays.copyOf(nodeParent, n);
            nodeSymbol = Arrays.copyOf(nodeSymbol, n);
            nodeSpelling = Arrays.copyOf(nodeSpelling, n);
            nodeLogProb = Arrays.copyOf(nodeLogProb, n);
        }
        nodeParent[child] = parent;
        nodeSymbol[child] = c;
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
        LmScore s;
        if (ctx.node >= 0) {
            int id = lexicon.wordAt(ctx.node);
            if (id >= 0) {
                s = lm.score(ctx.lm, lexicon.word(id));
            } else if (hybrid) {
                LmState spelled = nodeSpelling(ctx.node);
                s = unknownWord(ctx.lm, nodeLogProb[ctx.node] + unknownWords.wordEnd(spelled));
            } else {
                return null;
            }
        } else {
            s = unknownWord(ctx.lm, prefixScore[ctx.oov]);
        }
        if (!(s.logProb() > Double.NEGATIVE_INFINITY)) return null;
        return new WordEnd(weight * s.logProb() + penalty - ctx.charged, s.next());
    }

    /** An unknown word after h whose spelling scores {@code spelling}: the hybrid LM's score of it. */
    private LmScore unknownWord(LmState h, double spelling) {
        LmScore u = unknown(h);
        return new LmScore(u.logProb() + spelling, u.next());
    }

    @Override
    public double end(Object context) {
        Context ctx = (Context) context;
        if (ctx.betweenWords()) return weight * lm.end(ctx.lm);
        WordEnd end = wordEnd(ctx);
        return end == null ? Double.NEGATIVE_INFINITY : end.logScore() + weight * lm.end(end.next());
    }

    @Override
    public String describe() {
        return (hybrid ? "lexicon + spelled OOV words, hybrid LM" : "lexicon, word LM") + " (" + lexicon.size() + " words)";
    }
}
