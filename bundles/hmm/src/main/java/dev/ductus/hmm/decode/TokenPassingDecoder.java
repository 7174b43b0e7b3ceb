package dev.ductus.hmm.decode;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.hmm.topology.CharacterHmms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Viterbi beam search by token passing over the character HMMs of any optical model that produces
 * {@link ScoreKind#HMM_STATE_LOG_LIKELIHOOD} frame scores. A token sits in an HMM state under a linguistic
 * context (LM state, lexicon node, ...); tokens recombine on (state, context), keeping the better one. At a
 * symbol's exit the context is expanded by a {@link LinguisticSearch}: open vocabulary (no LM or a character
 * LM), lexicon with a word LM, or lexicon with spelled-out OOV words under a hybrid LM. Pruning: a beam below
 * the frame's best token and a cap on the number of tokens. Thread-safe: all search state lives in the call.
 */
public final class TokenPassingDecoder {
    private final DecoderSettings settings;

    public TokenPassingDecoder(DecoderSettings settings) {
        this.settings = settings;
    }

    public DecoderSettings settings() {
        return settings;
    }

    public Hypothesis decode(FrameScores scores, LanguageModel lm) {
        long start = System.nanoTime();
        if (scores.kind() != ScoreKind.HMM_STATE_LOG_LIKELIHOOD) {
            throw new IllegalArgumentException("the HMM decoder reads HMM state likelihoods, not " + scores.kind());
        }
        CharacterHmms hmm = CharacterHmms.copyOf(scores.hmm());
        if (scores.classes() != hmm.totalStates()) {
            throw new IllegalArgumentException(scores.classes() + " score columns for " + hmm.totalStates() + " states");
        }
        LinguisticSearch ling = searchFor(hmm, lm);
        Search search = new Search(hmm, scores, ling);
        Hypothesis h = search.run();
        double ms = (System.nanoTime() - start) / 1e6;
        Notes notes = new Notes().add("decoder", String.format("hmm token passing, %s, %d frames, %.0f tokens/frame",
                ling.describe(), scores.frames(), search.averageTokens()), ms);
        return h.withNotes(notes);
    }

    private LinguisticSearch searchFor(CharacterHmms hmm, LanguageModel lm) {
        int space = hmm.spaceSymbol();
        double w = settings.lmWeight();
        double p = settings.insertionPenalty();
        DecoderSettings.Mode mode = settings.mode();
        if (lm == null) {
            if (mode == DecoderSettings.Mode.LEXICON) {
                throw new InputException("decoder", "mode=lexicon needs a word or hybrid language model");
            }
            return new OpenVocabularySearch(hmm.alphabet(), space, null, w, p);
        }
        boolean wordLevel = lm.unit() != LmUnit.CHARACTER;
        if (mode == DecoderSettings.Mode.OPEN && wordLevel) {
            throw new InputException("decoder", "mode=open needs a character language model, got a " + lm.unit() + " LM");
        }
        if (!wordLevel) {
            if (mode == DecoderSettings.Mode.LEXICON) {
                throw new InputException("decoder", "mode=lexicon needs a word or hybrid LM, got a character LM");
            }
            return new OpenVocabularySearch(hmm.alphabet(), space, lm, w, p);
        }
        if (lm.lexicon() == null) throw new InputException("decoder", "the " + lm.unit() + " LM has no lexicon");
        return new LexiconSearch(hmm.alphabet(), space, lm, lm.unit() == LmUnit.HYBRID, w, p);
    }

    /** The state of one decoding call. */
    private final class Search {
        private final CharacterHmms hmm;
        private final FrameScores frameScores;
        private final float[] em;
        private final int classes;
        private final LinguisticSearch ling;
        private final double[] logSelf;
        private final double[] logNext;
        private final double[] logSkip;
        private final boolean[] last;
        private final boolean[] skipExits;
        private final boolean[] skipInside;
        private final Map<Object, Integer> contextIds = new HashMap<>(1 << 12);
        private final List<Object> contexts = new ArrayList<>();
        private final ExpansionCache expansions;
        private final int symbols;
        private final int[] firstState;
        private double[] maxSteps = new double[64];
        private final TraceArena traces = new TraceArena();
        private TokenTable cur = new TokenTable();
        private TokenTable next = new TokenTable();
        private final ExitTable exits = new ExitTable();
        private long tokenSum;

        Search(CharacterHmms hmm, FrameScores frameScores, LinguisticSearch ling) {
            this.hmm = hmm;
            this.frameScores = frameScores;
            this.em = frameScores.scores();
            this.classes = frameScores.classes();
            this.ling = ling;
            int n = hmm.totalStates();
            symbols = hmm.alphabet().size();
            firstState = new int[symbols];
            for (int c = 0; c < symbols; c++) firstState[c] = hmm.stateIndex(c, 0);
            expansions = new ExpansionCache(symbols);
            logSelf = hmm.logSelfArray();
            logNext = hmm.logNextArray();
            logSkip = hmm.logSkipArray();
            last = new boolean[n];
            skipExits = new boolean[n];
            skipInside = new boolean[n];
            for (int g = 0; g < n; g++) {
                int c = hmm.symbolOf(g);
                int s = hmm.stateInSymbol(g);
                int count = hmm.stateCount(c);
                last[g] = s == count - 1;
                boolean skip = hmm.canSkip(g) && logSkip[g] > Double.NEGATIVE_INFINITY;
                skipExits[g] = skip && s == count - 2;
                skipInside[g] = skip && s + 2 < count;
            }
        }

        double averageTokens() {
            return frameScores.frames() == 0 ? 0 : (double) tokenSum / frameScores.frames();
        }

        Hypothesis run() {
            int frames = frameScores.frames();
            if (frames == 0) return Hypothesis.empty(new Notes());
            double beam = settings.beam();
            int maxTokens = settings.maxTokens();
            next.clear();
            enter(contextId(ling.start()), 0, -1, 0);
            finishFrame(0, beam, maxTokens);
            for (int t = 1; t < frames; t++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("HMM token passing interrupted at frame " + t + " of " + frames);
                }
                next.clear();
                exits.clear();
                int row = t * classes;
                for (int i = 0; i < cur.size; i++) {
                    if (!cur.alive(i)) continue;
                    int g = cur.state[i];
                    int ctx = cur.context[i];
                    double s = cur.score[i];
                    int tr = cur.trace[i];
                    offer(g, ctx, s + logSelf[g] + em[row + g], tr);
                    if (last[g]) {
                        exits.offer(ctx, s + logNext[g], tr);
                    } else {
                        offer(g + 1, ctx, s + logNext[g] + em[row + g + 1], tr);
                    }
                    if (skipInside[g]) {
                        offer(g + 2, ctx, s + logSkip[g] + em[row + g + 2], tr);
                    } else if (skipExits[g]) {
                        exits.offer(ctx, s + logSkip[g], tr);
                    }
                }
                for (int e = 0; e < exits.size; e++) {
                    enter(exits.context[e], exits.score[e], exits.trace[e], t);
                }
                finishFrame(t, beam, maxTokens);
            }
            return finish(frames);
        }

        private void offer(int g, int ctx, double s, int tr) {
            if (s < next.best - settings.beam()) return;
            next.offer(g, ctx, s, tr, -1, false);
        }

        /**
         * Starts the successor symbols of the context at frame t. A symbol whose first state's score already
         * falls outside the beam with the best step score any LM could give is skipped unexpanded; once a
         * (context, symbol) pair has been expanded its exact best step is known, so later frames reject it with
         * one comparison. A successor context gets its id (the costly interning) only when a token first
         * reaches it inside the beam.
         */
        private void enter(int ctx, double score, int trace, int t) {
            int row = t * classes;
            double beam = settings.beam();
            double floor = next.best - beam;
            double bound = Double.NaN;
            ExpansionCache x = expansions;
            int base = x.base(ctx);
            double[] stepMax = x.stepMax;
            for (int c = 0; c < symbols; c++) {
                int g0 = firstState[c];
                double e = score + em[row + g0];
                int pair = base + c;
                double step = stepMax[pair];
                if (step != step) {
                    if (bound != bound) bound = maxStep(ctx);
                    if (bound + e < floor) continue;
                    expand(ctx, c, pair);
                    step = stepMax[pair];
                }
                if (step + e < floor) continue;
                int first = 2 * pair;
                for (int k = first; k < first + x.count[pair]; k++) {
                    double s = x.score[k] + e;
                    if (s < floor) continue;
                    int nextCtx = x.next[k];
                    if (nextCtx < 0) {
                        nextCtx = contextId(x.pending[k]);
                        x.next[k] = nextCtx;
                        x.pending[k] = null;
                    }
                    if (next.offer(g0, nextCtx, s, trace, c, x.boundary[k])) floor = next.best - beam;
                }
            }
        }

        private void finishFrame(int t, double beam, int maxTokens) {
            next.prune(beam, maxTokens);
            int alive = 0;
            for (int i = 0; i < next.size; i++) {
                if (!next.alive(i)) continue;
                alive++;
                if (next.entrySymbol[i] >= 0) {
                    next.trace[i] = traces.add(next.entrySymbol[i], t, next.trace[i], next.boundary[i]);
                    next.entrySymbol[i] = -1;
                }
            }
            tokenSum += alive;
            TokenTable tmp = cur;
            cur = next;
            next = tmp;
        }

        private Hypothesis finish(int frames) {
            double best = Double.NEGATIVE_INFINITY;
            int bestTrace = -1;
            for (int i = 0; i < cur.size; i++) {
                if (!cur.alive(i)) continue;
                int g = cur.state[i];
                double exit = Double.NEGATIVE_INFINITY;
                if (last[g]) exit = cur.score[i] + logNext[g];
                if (skipExits[g]) exit = Math.max(exit, cur.score[i] + logSkip[g]);
                if (exit == Double.NEGATIVE_INFINITY) continue;
                double s = exit + ling.end(contexts.get(cur.context[i]));
                if (s > best) {
                    best = s;
                    bestTrace = cur.trace[i];
                }
            }
            if (bestTrace < 0) return new Hypothesis("", Double.NEGATIVE_INFINITY, List.of(), new Notes());
            return new HypothesisBuilder(hmm, frameScores, traces).build(bestTrace, best);
        }

        private int contextId(Object ctx) {
            Integer id = contextIds.get(ctx);
            if (id != null) return id;
            int n = contexts.size();
            contextIds.put(ctx, n);
            contexts.add(ctx);
            if (n == maxSteps.length) maxSteps = java.util.Arrays.copyOf(maxSteps, 2 * n);
            maxSteps[n] = Double.NaN;
            return n;
        }

        private double maxStep(int ctx) {
            double m = maxSteps[ctx];
            if (Double.isNaN(m)) {
                m = ling.maxStepScore(contexts.get(ctx));
                maxSteps[ctx] = m;
            }
            return m;
        }

        /** Asks the linguistic search once for the successors of the context through one symbol. */
        private void expand(int ctx, int c, int pair) {
            ExpansionCache x = expansions;
            x.count[pair] = 0;
            x.stepMax[pair] = Double.NEGATIVE_INFINITY;
            ling.expand(contexts.get(ctx), c, (symbol, logScore, nextCtx, boundary) -> x.add(pair, logScore, nextCtx, boundary));
        }
    }

    /** The best token leaving a symbol model per context in one frame. */
    private static final class ExitTable {
        int size;
        int[] context = new int[64];
        double[] score = new double[64];
        int[] trace = new int[64];
        private int[] slotOfContext = new int[256];

        ExitTable() {
            java.util.Arrays.fill(slotOfContext, -1);
        }

        void clear() {
            for (int i = 0; i < size; i++) slotOfContext[context[i]] = -1;
            size = 0;
        }

        void offer(int ctx, double s, int tr) {
            if (ctx >= slotOfContext.length) {
                int old = slotOfContext.length;
                slotOfContext = java.util.Arrays.copyOf(slotOfContext, Math.max(2 * old, ctx + 1));
                java.util.Arrays.fill(slotOfContext, old, slotOfContext.length, -1);
            }
            int slot = slotOfContext[ctx];
            if (slot >= 0) {
                if (s > score[slot]) {
                    score[slot] = s;
                    trace[slot] = tr;
                }
                return;
            }
            if (size == context.length) {
                context = java.util.Arrays.copyOf(context, 2 * size);
                score = java.util.Arrays.copyOf(score, 2 * size);
                trace = java.util.Arrays.copyOf(trace, 2 * size);
            }
            context[size] = ctx;
            score[size] = s;
            trace[size] = tr;
            slotOfContext[ctx] = size++;
        }
    }
}
