package dev.ductus.ctc.decode;

import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.model.FrameScores;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each character of a decoded text sits: the Viterbi (best single) CTC path of the label sequence
 * through the frame posteriors gives each character its frames [t0, t1), its image columns and a
 * confidence, the peak posterior of the character over its frames.
 */
public final class CtcAlignment {
    private CtcAlignment() {
    }

    /** Spans of the labels (class indices, 1-based: alphabet symbol = label - 1) in the scores. */
    public static List<CharSpan> spans(FrameScores scores, int[] labels) {
        int frames = scores.frames();
        int states = 2 * labels.length + 1;
        if (labels.length == 0) return List.of();
        if (frames == 0) throw new IllegalArgumentException("no frames to align " + labels.length + " labels to");
        double[] score = new double[states];
        double[] next = new double[states];
        int[][] back = new int[frames][states];
        java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
        score[0] = scores.get(0, 0);
        score[1] = scores.get(0, labels[0]);
        for (int t = 1; t < frames; t++) {
            for (int s = 0; s < states; s++) {
                int label = s % 2 == 0 ? 0 : labels[s / 2];
                double best = score[s];
                int from = s;
                if (s > 0 && score[s - 1] > best) {
                    best = score[s - 1];
                    from = s - 1;
                }
                if (s > 1 && label != 0 && label != labels[s / 2 - 1] && score[s - 2] > best) {
                    best = score[s - 2];
                    from = s - 2;
                }
                next[s] = best + scores.get(t, label);
                back[t][s] = from;
            }
            double[] tmp = score;
            score = next;
            next = tmp;
        }
        int s = states > 1 && score[states - 2] > score[states - 1] ? states - 2 : states - 1;
        if (score[s] == Double.NEGATIVE_INFINITY) {
            // too few frames for the text (a decoder never produces that): spread evenly instead
            return even(scores, labels);
        }
        int[] path = new int[frames];
        for (int t = frames - 1; t >= 0; t--) {
            path[t] = s;
            if (t > 0) s = back[t][s];
        }
        int[] t0 = new int[labels.length];
        int[] t1 = new int[labels.length];
        java.util.Arrays.fill(t0, -1);
        for (int t = 0; t < frames; t++) {
            if (path[t] % 2 == 1) {
                int c = path[t] / 2;
                if (t0[c] < 0) t0[c] = t;
                t1[c] = t + 1;
            }
        }
        List<CharSpan> out = new ArrayList<>();
        for (int c = 0; c < labels.length; c++) out.add(span(scores, labels[c], t0[c], t1[c]));
        return out;
    }

    static CharSpan span(FrameScores scores, int label, int t0, int t1) {
        double peak = Double.NEGATIVE_INFINITY;
        for (int t = t0; t < t1; t++) peak = Math.max(peak, scores.get(t, label));
        return new CharSpan(scores.alphabet().symbol(label - 1), left(scores, t0), right(scores, t1 - 1), t0, t1,
                Math.min(1, Math.exp(peak)), 0);
    }

    private static List<CharSpan> even(FrameScores scores, int[] labels) {
        List<CharSpan> out = new ArrayList<>();
        int frames = scores.frames();
        for (int c = 0; c < labels.length; c++) {
            int t0 = Math.min(frames - 1, c * frames / labels.length);
            int t1 = Math.max(t0 + 1, Math.min(frames, (c + 1) * frames / labels.length));
            out.add(span(scores, labels[c], t0, t1));
        }
        return out;
    }

    /** Left image column of frame t: halfway to the previous frame's centre. */
    static int left(FrameScores s, int t) {
        float[] x = s.frameX();
        double edge = t > 0 ? (x[t - 1] + x[t]) / 2.0 : x[0] - halfStep(s);
        return (int) Math.max(0, Math.min(s.imageWidth(), Math.floor(edge)));
    }

    /** Right image column (exclusive) of frame t. */
    static int right(FrameScores s, int t) {
        float[] x = s.frameX();
        double edge = t + 1 < x.length ? (x[t] + x[t + 1]) / 2.0 : x[t] + halfStep(s);
        return (int) Math.max(0, Math.min(s.imageWidth(), Math.ceil(edge)));
    }

    private static double halfStep(FrameScores s) {
        float[] x = s.frameX();
        return x.length > 1 ? (x[x.length - 1] - x[0]) / (x.length - 1) / 2.0 : s.imageWidth() / 2.0;
    }
}
