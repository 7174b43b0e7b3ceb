package dev.ductus.api.model;

/**
 * What an optical model says about each frame of a line: {@code frames x classes} log scores, row-major.
 * For {@link ScoreKind#CTC_LOG_POSTERIOR}, classes = blank + alphabet; for
 * {@link ScoreKind#HMM_STATE_LOG_LIKELIHOOD}, classes = the HMM states of {@link #hmm()}.
 * {@code frameX[t]} is the column of the (normalised) line image frame t is centred on; {@code imageWidth}
 * is that image's width.
 */
public record FrameScores(ScoreKind kind, int frames, int classes, float[] scores, Alphabet alphabet,
                          HmmStructure hmm, float[] frameX, int imageWidth) {
    public FrameScores {
        if (scores.length != frames * classes) {
            throw new IllegalArgumentException("scores length " + scores.length + " != " + frames + "x" + classes);
        }
        if (frameX.length != frames) {
            throw new IllegalArgumentException("frameX length " + frameX.length + " != " + frames);
        }
        if (kind == ScoreKind.HMM_STATE_LOG_LIKELIHOOD && hmm == null) {
            throw new IllegalArgumentException("HMM state scores need their HmmStructure");
        }
        if (kind == ScoreKind.CTC_LOG_POSTERIOR && classes != alphabet.size() + 1) {
            throw new IllegalArgumentException("CTC scores need alphabet + blank = " + (alphabet.size() + 1)
                    + " classes, got " + classes);
        }
    }

    public float get(int t, int k) {
        return scores[t * classes + k];
    }

    /** Evenly spaced frame positions for a model with a fixed horizontal stride. */
    public static float[] evenPositions(int frames, int imageWidth) {
        float[] x = new float[frames];
        double step = frames == 0 ? 0 : (double) imageWidth / frames;
        for (int t = 0; t < frames; t++) x[t] = (float) ((t + 0.5) * step);
        return x;
    }
}
