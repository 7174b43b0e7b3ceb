package dev.ductus.hmm.train;

import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.LineHmm;
import java.util.Arrays;

/**
 * The sufficient statistics of one Baum-Welch iteration, as a mergeable value: per state and mixture
 * component the occupancy and the first and second moments of the frames it explains, per transition
 * parameter the expected count, and the total log-likelihood. Statistics of disjoint sets of lines add up,
 * so lines can be accumulated on any number of threads (or machines) and {@link #merge merged} in any
 * grouping with the same result up to floating-point rounding.
 */
public final class BaumWelchStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Frames whose state occupancy is below e^-14 add nothing measurable and are skipped. */
    private static final double MIN_LOG_OCCUPANCY = -14;

    private final int dimension;
    private final int[] componentOffset;
    private final double[] occupancy;
    private final double[] sum;
    private final double[] sumSquares;
    private final double[] transitions;
    private double logLikelihood;
    private long frames;
    private int lines;
    private int failedLines;

    /** Empty statistics shaped like the model (its states, their component counts, the feature dimension). */
    public BaumWelchStatistics(GmmHmm model) {
        this.dimension = model.dimension();
        int states = model.states();
        componentOffset = new int[states + 1];
        for (int g = 0; g < states; g++) componentOffset[g + 1] = componentOffset[g] + model.gmm(g).components();
        int totalComponents = componentOffset[states];
        occupancy = new double[totalComponents];
        sum = new double[totalComponents * dimension];
        sumSquares = new double[totalComponents * dimension];
        transitions = new double[3 * states];
    }

    /**
     * Adds one line: its forward-backward result gives state occupancies, which are split over the mixture
     * components by their posteriors, and arc posteriors, which count the transitions.
     */
    public void add(GmmHmm model, LineHmm line, ForwardBackward fb, float[] features) {
        int t1 = fb.frames();
        int n = line.size();
        int states = model.states();
        double[] stateGamma = new double[states];
        int[] touched = new int[Math.max(n, states)];
        double[] comp = new double[model.maxComponents()];
        for (int t = 0; t < t1; t++) {
            int touchedCount = 0;
            for (int j : fb.activeStates(t)) {
                double lg = fb.logOccupancy(t, j);
                if (lg < MIN_LOG_OCCUPANCY) continue;
                int g = line.globalState(j);
                if (stateGamma[g] == 0) touched[touchedCount++] = g;
                stateGamma[g] += Math.exp(lg);
            }
            int xOff = t * dimension;
            for (int i = 0; i < touchedCount; i++) {
                int g = touched[i];
                double gamma = stateGamma[g];
                stateGamma[g] = 0;
                DiagonalGmm gmm = model.gmm(g);
                int m = gmm.components();
                double total = m == 1 ? 0 : gmm.componentLogLikelihoods(features, xOff, comp);
                for (int k = 0; k < m; k++) {
                    double r = m == 1 ? gamma : gamma * Math.exp(comp[k] - total);
                    if (r == 0) continue;
                    int c = componentOffset[g] + k;
                    occupancy[c] += r;
                    int base = c * dimension;
                    for (int d = 0; d < dimension; d++) {
                        double x = features[xOff + d];
                        sum[base + d] += r * x;
                        sumSquares[base + d] += r * x * x;
                    }
                }
            }
        }
        for (int t = 0; t + 1 < t1; t++) {
            for (int j : fb.activeStates(t)) {
                if (fb.logOccupancy(t, j) < MIN_LOG_OCCUPANCY) continue;
                for (int a = line.firstArc(j); a < line.endArc(j); a++) {
                    double lp = fb.logArcPosterior(t, a);
                    if (lp >= MIN_LOG_OCCUPANCY) transitions[line.arcParam(a)] += Math.exp(lp);
                }
            }
        }
        for (int j : fb.activeStates(t1 - 1)) {
            int p = line.finalParam(j);
            if (p >= 0) {
                double lp = fb.logFinalPosterior(j);
                if (lp >= MIN_LOG_OCCUPANCY) transitions[p] += Math.exp(lp);
            }
        }
        logLikelihood += fb.logLikelihood();
        frames += t1;
        lines++;
    }

    /** Counts a line that could not be aligned (too few frames, or no path of non-zero probability). */
    public void addFailedLine() {
        failedLines++;
    }

    /** Adds other's statistics into this one. */
    public BaumWelchStatistics merge(BaumWelchStatistics other) {
        if (other.dimension != dimension || !Arrays.equals(other.componentOffset, componentOffset)) {
            throw new IllegalArgumentException("statistics of differently shaped models cannot be merged");
        }
        addInto(occupancy, other.occupancy);
        addInto(sum, other.sum);
        addInto(sumSquares, other.sumSquares);
        addInto(transitions, other.transitions);
        logLikelihood += other.logLikelihood;
        frames += other.frames;
        lines += other.lines;
        failedLines += other.failedLines;
        return this;
    }

    private static void addInto(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) a[i] += b[i];
    }

    public int dimension() {
        return dimension;
    }

    public double occupancy(int state, int component) {
        return occupancy[componentOffset[state] + component];
    }

    public double stateOccupancy(int state) {
        double s = 0;
        for (int c = componentOffset[state]; c < componentOffset[state + 1]; c++) s += occupancy[c];
        return s;
    }

    public double sum(int state, int component, int d) {
        return sum[(componentOffset[state] + component) * dimension + d];
    }

    public double sumOfSquares(int state, int component, int d) {
        return sumSquares[(componentOffset[state] + component) * dimension + d];
    }

    /** Expected count of transition {@code kind} (LineHmm.SELF/NEXT/SKIP) out of global state g. */
    public double transitionCount(int g, int kind) {
        return transitions[3 * g + kind];
    }

    public double logLikelihood() {
        return logLikelihood;
    }

    public long frames() {
        return frames;
    }

    public int lines() {
        return lines;
    }

    public int failedLines() {
        return failedLines;
    }

    /** Average log-likelihood per frame of the lines accumulated. */
    public double logLikelihoodPerFrame() {
        return frames == 0 ? Double.NaN : logLikelihood / frames;
    }
}
