package dev.ductus.hmm.gmm;

import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.LineHmm;

/**
 * Character HMMs whose emitting states each own a diagonal Gaussian mixture: {@code gmm(g)} scores global
 * state g. Immutable.
 */
public final class GmmHmm {
    private final CharacterHmms hmms;
    private final DiagonalGmm[] gmms;

    public GmmHmm(CharacterHmms hmms, DiagonalGmm[] gmms) {
        if (gmms.length != hmms.totalStates()) {
            throw new IllegalArgumentException(gmms.length + " mixtures for " + hmms.totalStates() + " states");
        }
        int dim = gmms[0].dimension();
        for (DiagonalGmm g : gmms) {
            if (g.dimension() != dim) throw new IllegalArgumentException("mixtures of different dimensions");
        }
        this.hmms = hmms;
        this.gmms = gmms.clone();
    }

    public CharacterHmms hmms() {
        return hmms;
    }

    public DiagonalGmm gmm(int globalState) {
        return gmms[globalState];
    }

    public DiagonalGmm[] gmms() {
        return gmms.clone();
    }

    public int dimension() {
        return gmms[0].dimension();
    }

    public int states() {
        return gmms.length;
    }

    /** Largest number of components of any state. */
    public int maxComponents() {
        int m = 0;
        for (DiagonalGmm g : gmms) m = Math.max(m, g.components());
        return m;
    }

    public long parameters() {
        long p = 3L * gmms.length;
        for (DiagonalGmm g : gmms) p += g.parameters();
        return p;
    }

    /**
     * log p(x_t | g) for every frame and every global state: frames x states, row-major. Frames are taken in
     * blocks, so each mixture's parameters are read from memory once per block instead of once per frame.
     */
    public float[] stateLogLikelihoods(float[] features, int frames) {
        int d = dimension();
        int s = gmms.length;
        float[] out = new float[frames * s];
        for (int t0 = 0; t0 < frames; t0 += FRAME_BLOCK) {
            int t1 = Math.min(frames, t0 + FRAME_BLOCK);
            for (int g = 0; g < s; g++) {
                DiagonalGmm gmm = gmms[g];
                for (int t = t0; t < t1; t++) out[t * s + g] = (float) gmm.logLikelihood(features, t * d);
            }
        }
        return out;
    }

    private static final int FRAME_BLOCK = 32;

    /**
     * log p(x_t | state j of the line model), frames x line states, row-major; each distinct global state is
     * scored once per frame even when the line visits it several times.
     */
    public double[] lineLogLikelihoods(float[] features, int frames, LineHmm line) {
        int d = dimension();
        int n = line.size();
        int[] firstUse = new int[gmms.length];
        java.util.Arrays.fill(firstUse, -1);
        int[] source = new int[n];
        for (int j = 0; j < n; j++) {
            int g = line.globalState(j);
            if (firstUse[g] < 0) firstUse[g] = j;
            source[j] = firstUse[g];
        }
        double[] out = new double[frames * n];
        for (int t = 0; t < frames; t++) {
            int row = t * n;
            for (int j = 0; j < n; j++) {
                out[row + j] = source[j] == j ? gmms[line.globalState(j)].logLikelihood(features, t * d)
                        : out[row + source[j]];
            }
        }
        return out;
    }

    /**
     * The same scores as {@link #lineLogLikelihoods}, computed on first request and remembered, with line
     * states of the same global state sharing their value. Not thread-safe: one per line and thread.
     */
    public dev.ductus.hmm.train.LineEmissions lazyLineLogLikelihoods(float[] features, int frames, LineHmm line) {
        int d = dimension();
        int n = line.size();
        int[] firstUse = new int[gmms.length];
        java.util.Arrays.fill(firstUse, -1);
        int[] source = new int[n];
        for (int j = 0; j < n; j++) {
            int g = line.globalState(j);
            if (firstUse[g] < 0) firstUse[g] = j;
            source[j] = firstUse[g];
        }
        double[] cache = new double[frames * n];
        java.util.Arrays.fill(cache, Double.NaN);
        return (t, j) -> {
            int i = t * n + source[j];
            double v = cache[i];
            if (Double.isNaN(v)) {
                v = gmms[line.globalState(j)].logLikelihood(features, t * d);
                cache[i] = v;
            }
            return v;
        };
    }

    public GmmHmm withGmms(DiagonalGmm[] newGmms) {
        return new GmmHmm(hmms, newGmms);
    }

    public GmmHmm withHmms(CharacterHmms newHmms) {
        return new GmmHmm(newHmms, gmms);
    }
}
