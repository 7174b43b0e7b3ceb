package dev.ductus.ctc.decode;

import dev.ductus.api.Notes;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * CTC prefix beam search (Graves 2014; Hannun et al. 2014) with a language model stage. A character model is
 * fed every emitted code point (" " included); a word (or hybrid) model scores a word when a space or the end
 * of the line closes it, and in lexicon mode a word model's vocabulary trie restricts which characters may
 * follow (hybrid models score out-of-vocabulary words themselves, so they always decode open). Prefixes are
 * ranked by log p(acoustics) + lm.weight * log p_LM + insertion.bonus * tokens; the end of the line adds the
 * LM's {@code </s>} score. Positions and confidences come from the CTC alignment of the winning text.
 */
public final class PrefixBeamDecoder {
    private static final String SPACE = " ";
    private final BeamSettings settings;

    public PrefixBeamDecoder(BeamSettings settings) {
        this.settings = settings;
    }

    public BeamSettings settings() {
        return settings;
    }

    /** Per decode: the LM, how it is used, and the alphabet. */
    private record Context(LanguageModel lm, LmUnit unit, Lexicon lexicon, Alphabet alphabet) {
        boolean words() {
            return lm != null && unit != LmUnit.CHARACTER;
        }
    }

    public Hypothesis decode(FrameScores scores, LanguageModel lm) {
        if (scores.kind() != ScoreKind.CTC_LOG_POSTERIOR) {
            throw new IllegalArgumentException("prefix beam search reads CTC posteriors, got " + scores.kind());
        }
        long start = System.nanoTime();
        LmUnit unit = lm == null ? null : lm.unit();
        Lexicon lexicon = lm != null && unit == LmUnit.WORD && settings.mode() == BeamSettings.VocabularyMode.LEXICON
                ? lm.lexicon() : null;
        Context cx = new Context(lm, unit, lexicon, scores.alphabet());
        int frames = scores.frames();
        int k = scores.classes();
        Prefix root = new Prefix(null, 0, lm == null ? null : lm.start(), 0, 0, "", lexicon == null ? -1 : Lexicon.ROOT);
        root.pb = 0;
        List<Prefix> beam = new ArrayList<>(List.of(root));
        List<Prefix> touched = new ArrayList<>();
        int[] candidates = new int[k];
        int created = 0;
        for (int t = 0; t < frames; t++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("CTC beam search interrupted at frame " + t + " of " + frames);
            }
            int nc = 0;
            int best = 1;
            for (int c = 1; c < k; c++) {
                if (scores.get(t, c) > scores.get(t, best)) best = c;
            }
            for (int c = 1; c < k; c++) {
                if (c == best || scores.get(t, c) >= settings.pruneLogProb()) candidates[nc++] = c;
            }
            touched.clear();
            double blank = scores.get(t, 0);
            for (Prefix p : beam) {
                double total = p.total();
                accumulate(p, t, touched, total + blank, Double.NEGATIVE_INFINITY);
                for (int i = 0; i < nc; i++) {
                    int c = candidates[i];
                    double lp = scores.get(t, c);
                    if (c == p.label) {
                        accumulate(p, t, touched, Double.NEGATIVE_INFINITY, p.pnb + lp);
                        Prefix child = extend(p, c, cx);
                        if (child != null) accumulate(child, t, touched, Double.NEGATIVE_INFINITY, p.pb + lp);
                    } else {
                        Prefix child = extend(p, c, cx);
                        if (child != null) accumulate(child, t, touched, Double.NEGATIVE_INFINITY, total + lp);
                    }
                }
            }
            for (Prefix p : touched) {
                p.pb = p.nextPb;
                p.pnb = p.nextPnb;
                p.rank = p.total() + settings.lmWeight() * p.lmLogProb + settings.insertionBonus() * p.tokens;
            }
            touched.sort(Comparator.comparingDouble((Prefix p) -> p.rank).reversed());
            beam = new ArrayList<>(touched.subList(0, Math.min(settings.beam(), touched.size())));
            created += touched.size();
        }
        Prefix winner = null;
        double winnerScore = Double.NEGATIVE_INFINITY;
        double winnerLm = 0;
        for (Prefix p : beam) {
            double[] lmEnd = finish(p, cx);
            if (lmEnd == null) continue;
            double s = p.total() + settings.lmWeight() * lmEnd[0] + settings.insertionBonus() * lmEnd[1];
            if (s > winnerScore) {
                winnerScore = s;
                winner = p;
                winnerLm = lmEnd[0];
            }
        }
        Notes notes = new Notes();
        if (winner == null) {
            notes.add("ctc-beam", "no prefix ends in a lexicon word; empty result", (System.nanoTime() - start) / 1e6);
            return new Hypothesis("", Double.NEGATIVE_INFINITY, List.of(), notes);
        }
        int[] labels = winner.labels();
        StringBuilder text = new StringBuilder();
        for (int l : labels) text.append(cx.alphabet().symbol(l - 1));
        notes.add("ctc-beam", String.format(java.util.Locale.ROOT, "beam %d, %d frames, %d prefixes, log p(optical) %.2f, log p(LM) %.2f%s",
                settings.beam(), frames, created, winner.total(), winnerLm,
                lm == null ? "" : " (" + unit.name().toLowerCase(java.util.Locale.ROOT) + (lexicon != null ? ", lexicon" : "") + ")"),
                (System.nanoTime() - start) / 1e6);
        return new Hypothesis(text.toString(), winnerScore, CtcAlignment.spans(scores, labels), notes);
    }

    private static void accumulate(Prefix p, int t, List<Prefix> touched, double pb, double pnb) {
        if (p.touched != t) {
            p.touched = t;
            p.nextPb = Double.NEGATIVE_INFINITY;
            p.nextPnb = Double.NEGATIVE_INFINITY;
            touched.add(p);
        }
        p.nextPb = Prefix.logAdd(p.nextPb, pb);
        p.nextPnb = Prefix.logAdd(p.nextPnb, pnb);
    }

    /** The prefix extended by class c (with its LM score), or null when the vocabulary forbids it. */
    private static Prefix extend(Prefix p, int c, Context cx) {
        Prefix known = p.child(c);
        if (known != null || p.hasChild(c)) return known;
        Prefix child = build(p, c, cx);
        p.putChild(c, child);
        return child;
    }

    private static Prefix build(Prefix p, int c, Context cx) {
        String sym = cx.alphabet().symbol(c - 1);
        if (cx.lm() == null) return new Prefix(p, c, null, 0, p.tokens + 1, "", -1);
        if (cx.unit() == LmUnit.CHARACTER) {
            LmScore s = cx.lm().score(p.lmState, sym);
            return new Prefix(p, c, s.next(), p.lmLogProb + s.logProb(), p.tokens + 1, "", -1);
        }
        if (sym.equals(SPACE)) {
            if (p.word.isEmpty()) return null;   // a space must close a word
            if (cx.lexicon() != null && cx.lexicon().wordAt(p.trieNode) < 0) return null;
            LmScore s = cx.lm().score(p.lmState, p.word);
            return new Prefix(p, c, s.next(), p.lmLogProb + s.logProb(), p.tokens + 1, "",
                    cx.lexicon() == null ? -1 : Lexicon.ROOT);
        }
        int node = -1;
        if (cx.lexicon() != null) {
            node = p.trieNode;
            for (int i = 0; i < sym.length() && node >= 0; ) {
                int cp = sym.codePointAt(i);
                node = cx.lexicon().child(node, cp);
                i += Character.charCount(cp);
            }
            if (node < 0) return null;
        }
        return new Prefix(p, c, p.lmState, p.lmLogProb, p.tokens, p.word + sym, node);
    }

    /** {LM log-prob including the last word and the end, tokens}, or null when the last word is not allowed. */
    private static double[] finish(Prefix p, Context cx) {
        if (cx.lm() == null) return new double[] {0, p.tokens};
        double lp = p.lmLogProb;
        int tokens = p.tokens;
        var state = p.lmState;
        if (cx.words() && !p.word.isEmpty()) {
            if (cx.lexicon() != null && cx.lexicon().wordAt(p.trieNode) < 0) return null;
            LmScore s = cx.lm().score(state, p.word);
            lp += s.logProb();
            state = s.next();
            tokens++;
        }
        return new double[] {lp + cx.lm().end(state), tokens};
    }
}
