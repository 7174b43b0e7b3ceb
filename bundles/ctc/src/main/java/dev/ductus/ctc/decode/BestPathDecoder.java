package dev.ductus.ctc.decode;

import dev.ductus.api.Notes;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding: the most probable class of every frame, repeats merged, blanks removed. Each
 * character spans the run of frames that emitted it; its confidence is its peak posterior there; the log
 * score is that of the best path. Ignores language models (the beam decoder uses them).
 */
public final class BestPathDecoder {
    public Hypothesis decode(FrameScores scores) {
        if (scores.kind() != ScoreKind.CTC_LOG_POSTERIOR) {
            throw new IllegalArgumentException("best-path decoding reads CTC posteriors, got " + scores.kind());
        }
        long t0 = System.nanoTime();
        int frames = scores.frames();
        int k = scores.classes();
        double logScore = 0;
        List<CharSpan> chars = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int prev = 0;
        int runStart = -1;
        for (int t = 0; t <= frames; t++) {
            int best = 0;
            if (t < frames) {
                float bestScore = scores.get(t, 0);
                for (int c = 1; c < k; c++) {
                    if (scores.get(t, c) > bestScore) {
                        bestScore = scores.get(t, c);
                        best = c;
                    }
                }
                logScore += bestScore;
            }
            if (t == frames || best != prev) {
                if (prev != 0) {
                    CharSpan span = CtcAlignment.span(scores, prev, runStart, t);
                    chars.add(span);
                    text.append(span.symbol());
                }
                runStart = t;
            }
            prev = best;
        }
        Notes notes = new Notes().add("ctc-greedy", frames + " frames", (System.nanoTime() - t0) / 1e6);
        return new Hypothesis(text.toString(), logScore, chars, notes);
    }
}
