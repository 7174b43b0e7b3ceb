package dev.ductus.hmm.decode;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.model.Alphabet;
import dev.ductus.hmm.topology.CharacterHmms;

/**
 * Any sequence of characters, scored by a character LM or by nothing. The space model stands for white gaps:
 * entering it costs nothing, and the word boundary it marks is scored (LM " " plus one insertion penalty)
 * when the next character starts. At the start of a line a gap is a margin and at the end it is ignored.
 * With a language model a boundary may also come without a visible gap (touching words): then the LM alone
 * decides. Without an LM spaces come only from visible gaps, since nothing else could justify them.
 */
final class OpenVocabularySearch implements LinguisticSearch {
    /** The history: LM state (null without LM), whether a character was emitted, whether a gap is open. */
    record Context(LmState lm, boolean started, boolean gap) {
    }

    private final Alphabet alphabet;
    private final int space;
    private final LanguageModel lm;
    private final double weight;
    private final double penalty;
    /** The LM's word-boundary step per history: every symbol after a boundary starts from it. */
    private final java.util.Map<LmState, LmScore> spaceSteps = new java.util.HashMap<>();

    OpenVocabularySearch(Alphabet alphabet, int space, LanguageModel lm, double weight, double penalty) {
        this.alphabet = alphabet;
        this.space = space;
        this.lm = lm;
        this.weight = weight;
        this.penalty = penalty;
    }

    @Override
    public Object start() {
        return new Context(lm == null ? null : lm.start(), false, false);
    }

    @Override
    public void expand(Object context, int c, Successors out) {
        Context ctx = (Context) context;
        if (c == space) {
            if (!ctx.gap()) out.add(c, 0, new Context(ctx.lm(), ctx.started(), true), false);
            return;
        }
        String symbol = alphabet.symbol(c);
        if (!ctx.started()) {
            step(ctx.lm(), symbol, 0, c, false, out);
        } else if (ctx.gap()) {
            boundaryThen(ctx.lm(), symbol, c, out);
        } else {
            step(ctx.lm(), symbol, 0, c, false, out);
            if (lm != null) boundaryThen(ctx.lm(), symbol, c, out);
        }
    }

    @Override
    public double maxStepScore(Object context) {
        // LM log probabilities are <= 0; a step costs at most two insertion penalties (boundary + character)
        return Math.max(0, 2 * penalty);
    }

    private void boundaryThen(LmState state, String symbol, int c, Successors out) {
        if (lm == null) {
            step(null, symbol, penalty, c, true, out);
            return;
        }
        LmScore s = spaceSteps.computeIfAbsent(state, h -> lm.score(h, CharacterHmms.SPACE));
        step(s.next(), symbol, weight * s.logProb() + penalty, c, true, out);
    }

    private void step(LmState state, String symbol, double before, int c, boolean boundary, Successors out) {
        if (lm == null) {
            out.add(c, before + penalty, new Context(null, true, false), boundary);
            return;
        }
        LmScore s = lm.score(state, symbol);
        out.add(c, before + weight * s.logProb() + penalty, new Context(s.next(), true, false), boundary);
    }

    @Override
    public double end(Object context) {
        Context ctx = (Context) context;
        return lm == null ? 0 : weight * lm.end(ctx.lm());
    }

    @Override
    public String describe() {
        return lm == null ? "open vocabulary, no LM" : "open vocabulary, " + lm.unit().name().toLowerCase() + " LM";
    }

}
