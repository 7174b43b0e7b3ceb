package dev.ductus.attention.decode;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.model.Alphabet;
import dev.ductus.attention.nn.Weights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Beam search over an attention decoder, symbol-synchronous: every live hypothesis is extended by its best
 * {@code beam} next classes, the {@code beam} best extensions live on, and one that emits the end symbol is
 * finished. With a language model (shallow fusion, Gulcehre et al. 2015) a hypothesis is ranked by
 * {@code log p_att + lm.weight * log p_LM + insertion.bonus * tokens}; a character LM is fed every symbol, a word
 * or hybrid LM each word when a space or the end closes it, and the end adds {@code </s>}. Finished hypotheses
 * are compared after length normalisation and the coverage penalty of Wu et al. 2016:
 * {@code score / ((5 + |Y|) / 6)^length.penalty + coverage * sum_j log(min(1, sum_t a_tj))}.
 * With beam 1 and no LM it is greedy decoding.
 */
public final class AttentionBeamSearch {
    /**
     * Search settings; {@code maxSymbolsPerFrame} bounds the output length by the frames (an attention decoder
     * that never emits the end symbol stops there); {@code window} > 0 reads with windowed attention (frames within
     * that many of the previous attention's median, {@link Weights.Reader#windowed}), 0 over every frame.
     */
    public record Settings(int beam, double lmWeight, double insertionBonus, double lengthPenalty, double coverage,
                           double maxSymbolsPerFrame, double ctcWeight, int window) {
        public Settings {
            if (window < 0) throw new IllegalArgumentException("window must be >= 0, got " + window);
            if (beam < 1) throw new IllegalArgumentException("beam must be at least 1, got " + beam);
            if (!(lmWeight >= 0)) throw new IllegalArgumentException("lm.weight must be >= 0, got " + lmWeight);
            if (!(lengthPenalty >= 0)) throw new IllegalArgumentException("length.penalty must be >= 0, got " + lengthPenalty);
            if (!(coverage >= 0)) throw new IllegalArgumentException("coverage must be >= 0, got " + coverage);
            if (!(maxSymbolsPerFrame > 0)) throw new IllegalArgumentException("max.symbols.per.frame must be > 0");
            if (!(ctcWeight >= 0 && ctcWeight <= 1)) throw new IllegalArgumentException("ctc.weight must be in [0, 1], got " + ctcWeight);
        }

        public Settings(int beam, double lmWeight, double insertionBonus, double lengthPenalty, double coverage, double maxSymbolsPerFrame,
                        double ctcWeight) {
            this(beam, lmWeight, insertionBonus, lengthPenalty, coverage, maxSymbolsPerFrame, ctcWeight, 0);
        }

        public Settings(int beam, double lmWeight, double insertionBonus, double lengthPenalty, double coverage, double maxSymbolsPerFrame) {
            this(beam, lmWeight, insertionBonus, lengthPenalty, coverage, maxSymbolsPerFrame, 0);
        }

        public static Settings greedy() {
            return new Settings(1, 0, 0, 0, 0, 2);
        }

        public static Settings defaults() {
            return new Settings(8, 0.3, 0.0, 0.6, 0.0, 2, 0.3);
        }
    }

    /** One decoded symbol: its class, log-probability and the attention weights that emitted it. */
    public record Symbol(int cls, double logProb, double[] alpha) {
    }

    /** The winner: symbols, its ranking score, the attention and LM parts of it. */
    public record Result(List<Symbol> symbols, double score, double attentionLogProb, double lmLogProb, int hypotheses,
                         String how) {
    }

    private static final class Hyp {
        final Hyp parent;
        final Symbol symbol;
        final Weights.State state;
        final double logP;
        final LmState lmState;
        final double lm;
        final int tokens;
        final String word;
        final int length;
        double rank;
        boolean ended;
        CtcPrefixScorer.State ctc;
        double ctcScore;

        Hyp(Hyp parent, Symbol symbol, Weights.State state, double logP, LmState lmState, double lm, int tokens, String word) {
            this.parent = parent;
            this.symbol = symbol;
            this.state = state;
            this.logP = logP;
            this.lmState = lmState;
            this.lm = lm;
            this.tokens = tokens;
            this.word = word;
            this.length = parent == null ? 0 : parent.length + 1;
        }

        List<Symbol> symbols() {
            List<Symbol> out = new ArrayList<>();
            for (Hyp h = this; h != null && h.symbol != null; h = h.parent) out.add(0, h.symbol);
            return out;
        }
    }

    private final Settings settings;

    public AttentionBeamSearch(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public Result decode(Weights.Reader reader, Alphabet alphabet, LanguageModel lm) {
        return decode(reader, alphabet, lm, null);
    }

    /**
     * As above; with the CTC head's prefix scores when {@code ctc} is given and {@code ctc.weight} > 0 (joint
     * CTC/attention decoding): a hypothesis ranks by {@code (1 - w) log p_att + w log p_ctc + lm.weight log p_LM + ...}.
     */
    public Result decode(Weights.Reader lineReader, Alphabet alphabet, LanguageModel lm, CtcPrefixScorer ctc) {
        Weights.Reader reader = settings.window() > 0 ? lineReader.windowed(settings.window()) : lineReader;
        CtcPrefixScorer joint = settings.ctcWeight() > 0 ? ctc : null;
        double wc = joint == null ? 0 : settings.ctcWeight();
        LanguageModel model = settings.lmWeight() > 0 ? lm : null;
        LmUnit unit = model == null ? null : model.unit();
        int maxLen = Math.max(1, (int) Math.ceil(reader.frames() * settings.maxSymbolsPerFrame()));
        Hyp root = new Hyp(null, null, reader.start(), 0, model == null ? null : model.start(), 0, 0, "");
        if (joint != null) root.ctc = joint.initial();
        List<Hyp> alive = new ArrayList<>(List.of(root));
        Hyp best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int finished = 0;
        int created = 0;
        // without length normalisation, coverage or a positive bonus a hypothesis's rank only falls as it grows, so
        // the search may stop as soon as no live one ranks above the best finished one (then it is exact for a
        // beam wide enough); otherwise it stops when a beam's worth of hypotheses have finished
        boolean monotone = settings.lengthPenalty() == 0 && settings.coverage() == 0 && settings.insertionBonus() <= 0;
        for (int step = 0; step <= maxLen && !alive.isEmpty(); step++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("attention beam search interrupted at step " + step);
            }
            if (monotone ? alive.get(0).rank <= bestScore : finished >= settings.beam()) break;
            // every extension and every ending competes for the beam; an ending that makes it is finished
            List<Hyp> candidates = new ArrayList<>();
            Weights.State[] states = new Weights.State[alive.size()];
            int[] tokens = new int[alive.size()];
            for (int i = 0; i < states.length; i++) {
                Hyp h = alive.get(i);
                states[i] = h.state;
                tokens[i] = h.symbol == null ? 0 : h.symbol.cls();
            }
            Weights.Step[] stepped = reader.steps(states, tokens);
            for (int hi = 0; hi < states.length; hi++) {
                Hyp h = alive.get(hi);
                Weights.Step s = stepped[hi];
                double[] lp = s.logProbs();
                int[] classes = step == maxLen ? new int[] {0} : top(lp, settings.beam());
                for (int c : classes) {
                    created++;
                    Symbol sym = new Symbol(c, lp[c], s.state().alpha());
                    Hyp next = c == 0 ? finish(h, sym, s.state(), lp[c], model, unit)
                            : extend(h, sym, s.state(), lp[c], alphabet.symbol(c - 1), model, unit);
                    next.ended = c == 0;
                    if (joint != null) {
                        if (c == 0) {
                            next.ctc = h.ctc;
                            next.ctcScore = joint.end(h.ctc);
                        } else {
                            next.ctc = joint.extend(h.ctc, c);
                            next.ctcScore = next.ctc.score();
                        }
                    }
                    next.rank = (1 - wc) * next.logP + wc * next.ctcScore + settings.lmWeight() * next.lm
                            + settings.insertionBonus() * next.tokens;
                    candidates.add(next);
                }
            }
            candidates.sort(Comparator.comparingDouble((Hyp x) -> x.rank).reversed());
            List<Hyp> next = new ArrayList<>();
            for (Hyp c : candidates.subList(0, Math.min(settings.beam(), candidates.size()))) {
                if (!c.ended) {
                    next.add(c);
                    continue;
                }
                finished++;
                double score = normalised(c);
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            alive = next;
        }
        if (best == null) return new Result(List.of(), Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, created, "no hypothesis ended");
        List<Symbol> symbols = best.symbols();
        // the end symbol is not part of the text
        if (!symbols.isEmpty() && symbols.get(symbols.size() - 1).cls() == 0) symbols = symbols.subList(0, symbols.size() - 1);
        String how = String.format(Locale.ROOT, "beam %d, %d hypotheses, log p(attention) %.2f, log p(LM) %.2f%s%s",
                settings.beam(), created, best.logP, best.lm, joint == null ? "" : String.format(Locale.ROOT, ", log p(CTC) %.2f", best.ctcScore),
                model == null ? "" : " (" + unit.name().toLowerCase(Locale.ROOT) + ")");
        return new Result(List.copyOf(symbols), bestScore, best.logP, best.lm, created, how);
    }

    private double normalised(Hyp end) {
        double raw = end.rank;
        int len = Math.max(1, end.length);
        double lp = settings.lengthPenalty() == 0 ? 1 : Math.pow((5.0 + len) / 6.0, settings.lengthPenalty());
        double cp = 0;
        if (settings.coverage() > 0) {
            for (double a : end.state.coverage()) cp += Math.log(Math.max(1e-6, Math.min(1.0, a)));
        }
        return raw / lp + settings.coverage() * cp;
    }

    private static Hyp extend(Hyp h, Symbol sym, Weights.State st, double lp, String text, LanguageModel lm, LmUnit unit) {
        if (lm == null) return new Hyp(h, sym, st, h.logP + lp, null, 0, h.tokens + 1, "");
        if (unit == LmUnit.CHARACTER) {
            LmScore s = lm.score(h.lmState, text);
            return new Hyp(h, sym, st, h.logP + lp, s.next(), h.lm + s.logProb(), h.tokens + 1, "");
        }
        if (text.equals(" ")) {
            if (h.word.isEmpty()) return new Hyp(h, sym, st, h.logP + lp, h.lmState, h.lm, h.tokens, "");
            LmScore s = lm.score(h.lmState, h.word);
            return new Hyp(h, sym, st, h.logP + lp, s.next(), h.lm + s.logProb(), h.tokens + 1, "");
        }
        return new Hyp(h, sym, st, h.logP + lp, h.lmState, h.lm, h.tokens, h.word + text);
    }

    private static Hyp finish(Hyp h, Symbol sym, Weights.State st, double lp, LanguageModel lm, LmUnit unit) {
        if (lm == null) return new Hyp(h, sym, st, h.logP + lp, null, 0, h.tokens, "");
        double l = h.lm;
        LmState state = h.lmState;
        int tokens = h.tokens;
        if (unit != LmUnit.CHARACTER && !h.word.isEmpty()) {
            LmScore s = lm.score(state, h.word);
            l += s.logProb();
            state = s.next();
            tokens++;
        }
        return new Hyp(h, sym, st, h.logP + lp, state, l + lm.end(state), tokens, "");
    }

    /** The indices of the k largest values, best first. */
    static int[] top(double[] v, int k) {
        int n = Math.min(k, v.length);
        int[] idx = new int[n];
        double[] val = new double[n];
        int filled = 0;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (filled < n) {
                int p = filled++;
                while (p > 0 && val[p - 1] < x) {
                    val[p] = val[p - 1];
                    idx[p] = idx[p - 1];
                    p--;
                }
                val[p] = x;
                idx[p] = i;
            } else if (x > val[n - 1]) {
                int p = n - 1;
                while (p > 0 && val[p - 1] < x) {
                    val[p] = val[p - 1];
                    idx[p] = idx[p - 1];
                    p--;
                }
                val[p] = x;
                idx[p] = i;
            }
        }
        return idx;
    }
}
