package dev.ductus.hmm.decode;

import dev.ductus.api.Notes;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.model.FrameScores;
import dev.ductus.hmm.topology.CharacterHmms;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the winning trace into text and per-character spans. Space models at the margins produce nothing;
 * a word boundary produces one " " spanning the gap model's frames, or no frames when the words touch (its
 * confidence is then the lower of its neighbours'). Image columns come from the frames' centres: a span
 * starts half way between its first frame and the one before.
 */
final class HypothesisBuilder {
    private final CharacterHmms hmm;
    private final FrameScores scores;
    private final TraceArena traces;

    HypothesisBuilder(CharacterHmms hmm, FrameScores scores, TraceArena traces) {
        this.hmm = hmm;
        this.scores = scores;
        this.traces = traces;
    }

    Hypothesis build(int lastTrace, double logScore) {
        List<Integer> units = new ArrayList<>();
        for (int tr = lastTrace; tr >= 0; tr = traces.previous[tr]) units.add(0, tr);
        int frames = scores.frames();
        int space = hmm.spaceSymbol();
        SegmentConfidence confidence = new SegmentConfidence(hmm, scores.scores(), scores.classes());
        StringBuilder text = new StringBuilder();
        List<CharSpan> spans = new ArrayList<>();
        int pendingSpaceIndex = -1;
        for (int u = 0; u < units.size(); u++) {
            int tr = units.get(u);
            int symbol = traces.symbol[tr];
            int t0 = traces.frame[tr];
            int t1 = u + 1 < units.size() ? traces.frame[units.get(u + 1)] : frames;
            if (symbol == space) continue;
            if (traces.boundary[tr]) {
                boolean visibleGap = u > 0 && traces.symbol[units.get(u - 1)] == space;
                int g0 = visibleGap ? traces.frame[units.get(u - 1)] : t0;
                double conf = visibleGap ? confidence.of(space, g0, t0) : Double.NaN;
                text.append(CharacterHmms.SPACE);
                spans.add(new CharSpan(CharacterHmms.SPACE, column(g0), column(t0), g0, t0, conf, 0));
                pendingSpaceIndex = spans.size() - 1;
            }
            String sym = hmm.alphabet().symbol(symbol);
            text.append(sym);
            spans.add(new CharSpan(sym, column(t0), column(t1), t0, t1, confidence.of(symbol, t0, t1), 0));
            if (pendingSpaceIndex >= 0 && Double.isNaN(spans.get(pendingSpaceIndex).confidence())) {
                CharSpan gap = spans.get(pendingSpaceIndex);
                double before = pendingSpaceIndex > 0 ? spans.get(pendingSpaceIndex - 1).confidence() : 1;
                double after = spans.get(spans.size() - 1).confidence();
                spans.set(pendingSpaceIndex, new CharSpan(gap.symbol(), gap.x0(), gap.x1(), gap.t0(), gap.t1(),
                        Math.min(before, after), 0));
            }
            pendingSpaceIndex = -1;
        }
        return new Hypothesis(text.toString(), logScore, spans, new Notes());
    }

    /** The image column where frame t starts (t = frames: the image's right edge). */
    private int column(int t) {
        float[] x = scores.frameX();
        if (t <= 0) return 0;
        if (t >= x.length) return scores.imageWidth();
        return Math.round((x[t - 1] + x[t]) / 2);
    }
}
