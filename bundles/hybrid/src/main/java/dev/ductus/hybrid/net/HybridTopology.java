package dev.ductus.hybrid.net;

import dev.ductus.hybrid.model.HybridModel;

/**
 * The hidden layers of the two hybrid networks as model strings (the output layer, dense to the HMM states,
 * is appended by the trainer), and their sizes at a given parameter budget for the depth experiment:
 * <ul>
 * <li>MLP-HMM: {@code window=K,dense=H:relu,...} - a window of 2K+1 consecutive frames, L hidden layers of H
 * units; parameters {@code (2K+1)D·H + (L-1)·H² + H·S + L·H + S}.</li>
 * <li>RNN-HMM: {@code blstm=H,...} - L bidirectional LSTM layers of H units per direction; parameters
 * {@code 8H(D+H+1) + (L-1)·8H(3H+1) + 2H·S + S} (4 gates, 2 directions; each later layer reads 2H).</li>
 * </ul>
 */
public final class HybridTopology {
    public static final String DEFAULT_MLP = "window=4,dense=512:relu,dense=512:relu,dense=512:relu";
    public static final String DEFAULT_RNN = "blstm=128,blstm=128";

    private HybridTopology() {
    }

    public static String defaultModel(String system) {
        return switch (system) {
            case HybridModel.MLP_HMM -> DEFAULT_MLP;
            case HybridModel.RNN_HMM -> DEFAULT_RNN;
            default -> throw new IllegalArgumentException("unknown hybrid system '" + system + "'");
        };
    }

    /** MLP hidden layers: a window of radius {@code radius}, then {@code depth} ReLU layers of {@code width}. */
    public static String mlp(int radius, int depth, int width, double dropout) {
        StringBuilder sb = new StringBuilder("window=").append(radius);
        for (int l = 0; l < depth; l++) {
            sb.append(",dense=").append(width).append(":relu");
            if (dropout > 0) sb.append(",dropout=").append(dropout);
        }
        return sb.toString();
    }

    public static String rnn(int depth, int width, double dropout) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < depth; l++) {
            if (l > 0) sb.append(',');
            sb.append("blstm=").append(width);
            if (dropout > 0) sb.append(",dropout=").append(dropout);
        }
        return sb.toString();
    }

    /** Parameters of the MLP (output layer included). */
    public static long mlpParameters(int inputDim, int radius, int depth, int width, int states) {
        long in = (long) (2 * radius + 1) * inputDim;
        long w = width;
        return in * w + (depth - 1L) * w * w + w * states + depth * w + states;
    }

    /** Parameters of the BLSTM stack (output layer included). */
    public static long rnnParameters(int inputDim, int depth, int width, int states) {
        long h = width;
        return 8 * h * (inputDim + h + 1) + (depth - 1L) * 8 * h * (3 * h + 1) + 2 * h * states + states;
    }

    /** The largest MLP width whose parameters stay within the budget (at least 1). */
    public static int mlpWidthFor(long budget, int inputDim, int radius, int depth, int states) {
        return largestWithin(budget, w -> mlpParameters(inputDim, radius, depth, w, states));
    }

    public static int rnnWidthFor(long budget, int inputDim, int depth, int states) {
        return largestWithin(budget, w -> rnnParameters(inputDim, depth, w, states));
    }

    /** Parameter counts grow with the width, so a binary search finds the widest network within budget. */
    private static int largestWithin(long budget, java.util.function.IntToLongFunction params) {
        int lo = 1;
        int hi = 1;
        while (params.applyAsLong(hi) <= budget && hi < (1 << 20)) hi *= 2;
        if (params.applyAsLong(lo) > budget) return 1;
        while (lo < hi - 1) {
            int mid = (lo + hi) >>> 1;
            if (params.applyAsLong(mid) <= budget) lo = mid;
            else hi = mid;
        }
        return lo;
    }
}
