package dev.ductus.hmm.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The HMM of one transcribed line: the character models of its symbols chained left to right. The space
 * model is optional wherever it may appear: at the start and end of the line (white margins) and between
 * words, where it may be skipped because handwritten words can touch. A skipped space costs nothing extra,
 * so the transcription's spaces never force a gap the image does not show.
 * <p>
 * Line states are numbered 0..size()-1, each mapped to a global state of {@link CharacterHmms}. Transitions
 * are arcs between line states; every arc (and every final transition) names the parameter it uses,
 * {@code 3 * globalState + kind} with kind {@link #SELF}, {@link #NEXT} or {@link #SKIP}, so Baum-Welch can
 * count it for the shared character model.
 */
public final class LineHmm {
    public static final int SELF = 0;
    public static final int NEXT = 1;
    public static final int SKIP = 2;

    private final int[] globalState;
    private final int[] unitOfState;
    private final int[] unitSymbol;
    private final boolean[] unitOptional;
    private final int[] arcFrom;
    private final int[] arcTo;
    private final double[] arcLogProb;
    private final int[] arcParam;
    private final double[] logInit;
    private final double[] logFinal;
    private final int[] finalParam;
    /** Arcs are stored by source state: those of state j are arcStart[j] .. arcStart[j + 1]. */
    private final int[] arcStart;

    private LineHmm(int[] globalState, int[] unitOfState, int[] unitSymbol, boolean[] unitOptional, int[] arcFrom,
                    int[] arcTo, double[] arcLogProb, int[] arcParam, double[] logInit, double[] logFinal,
                    int[] finalParam) {
        this.globalState = globalState;
        this.unitOfState = unitOfState;
        this.unitSymbol = unitSymbol;
        this.unitOptional = unitOptional;
        this.arcFrom = arcFrom;
        this.arcTo = arcTo;
        this.arcLogProb = arcLogProb;
        this.arcParam = arcParam;
        this.logInit = logInit;
        this.logFinal = logFinal;
        this.finalParam = finalParam;
        this.arcStart = new int[globalState.length + 1];
        for (int a = 0; a < arcFrom.length; a++) {
            if (a > 0 && arcFrom[a] < arcFrom[a - 1]) throw new IllegalStateException("arcs not ordered by source");
            arcStart[arcFrom[a] + 1]++;
        }
        for (int j = 0; j < globalState.length; j++) arcStart[j + 1] += arcStart[j];
    }

    /** First arc leaving state j. */
    public int firstArc(int j) {
        return arcStart[j];
    }

    /** One past the last arc leaving state j. */
    public int endArc(int j) {
        return arcStart[j + 1];
    }

    /**
     * Builds the line model of a transcription given as symbol indices (spaces included; repeated and
     * leading/trailing spaces are normalised away). Without a space symbol in the alphabet no space units
     * are added.
     */
    public static LineHmm of(CharacterHmms hmms, int[] labels) {
        int space = hmms.spaceSymbol();
        List<Integer> symbols = new ArrayList<>();
        List<Boolean> optional = new ArrayList<>();
        if (space >= 0) {
            symbols.add(space);
            optional.add(true);
        }
        boolean pendingSpace = false;
        boolean anyChar = false;
        for (int label : labels) {
            if (label < 0 || label >= hmms.alphabet().size()) {
                throw new IllegalArgumentException("label " + label + " outside the alphabet");
            }
            if (label == space) {
                pendingSpace = anyChar;
                continue;
            }
            if (pendingSpace) {
                symbols.add(space);
                optional.add(true);
                pendingSpace = false;
            }
            symbols.add(label);
            optional.add(false);
            anyChar = true;
        }
        if (space >= 0 && anyChar) {
            symbols.add(space);
            optional.add(true);
        }
        int units = symbols.size();
        if (units == 0) throw new IllegalArgumentException("empty transcription and no space model");
        int[] unitSymbol = new int[units];
        boolean[] unitOptional = new boolean[units];
        int[] unitFirst = new int[units + 1];
        for (int u = 0; u < units; u++) {
            unitSymbol[u] = symbols.get(u);
            unitOptional[u] = optional.get(u);
            unitFirst[u + 1] = unitFirst[u] + hmms.stateCount(unitSymbol[u]);
        }
        int n = unitFirst[units];
        int[] globalState = new int[n];
        int[] unitOfState = new int[n];
        for (int u = 0; u < units; u++) {
            for (int j = unitFirst[u]; j < unitFirst[u + 1]; j++) {
                globalState[j] = hmms.stateIndex(unitSymbol[u], j - unitFirst[u]);
                unitOfState[j] = u;
            }
        }
        double[] logInit = new double[n];
        double[] logFinal = new double[n];
        int[] finalParam = new int[n];
        Arrays.fill(logInit, Double.NEGATIVE_INFINITY);
        Arrays.fill(logFinal, Double.NEGATIVE_INFINITY);
        Arrays.fill(finalParam, -1);
        for (int u : successors(unitOptional, -1)) logInit[unitFirst[u]] = 0;

        ArcList arcs = new ArcList();
        for (int u = 0; u < units; u++) {
            int count = unitFirst[u + 1] - unitFirst[u];
            int[] next = successors(unitOptional, u);
            boolean canEnd = canEnd(unitOptional, u);
            for (int s = 0; s < count; s++) {
                int j = unitFirst[u] + s;
                int g = globalState[j];
                int c = unitSymbol[u];
                arcs.add(j, j, hmms.logSelfLoop(c, s), 3 * g + SELF);
                if (s + 1 < count) {
                    arcs.add(j, j + 1, hmms.logNext(c, s), 3 * g + NEXT);
                } else {
                    for (int v : next) arcs.add(j, unitFirst[v], hmms.logNext(c, s), 3 * g + NEXT);
                    if (canEnd) {
                        logFinal[j] = hmms.logNext(c, s);
                        finalParam[j] = 3 * g + NEXT;
                    }
                }
                if (hmms.canSkip(g)) {
                    if (s + 2 < count) {
                        arcs.add(j, j + 2, hmms.logSkip(c, s), 3 * g + SKIP);
                    } else {
                        for (int v : next) arcs.add(j, unitFirst[v], hmms.logSkip(c, s), 3 * g + SKIP);
                        if (canEnd) {
                            logFinal[j] = hmms.logSkip(c, s);
                            finalParam[j] = 3 * g + SKIP;
                        }
                    }
                }
            }
        }
        return new LineHmm(globalState, unitOfState, unitSymbol, unitOptional, arcs.from(), arcs.to(),
                arcs.logProb(), arcs.param(), logInit, logFinal, finalParam);
    }

    /** The units that may follow unit u (u = -1: the first units of the line). */
    private static int[] successors(boolean[] optional, int u) {
        int a = u + 1;
        if (a >= optional.length) return new int[0];
        if (optional[a] && a + 1 < optional.length) return new int[] {a, a + 1};
        return new int[] {a};
    }

    /** Whether the line may end after unit u: it is the last unit, or only an optional one follows. */
    private static boolean canEnd(boolean[] optional, int u) {
        return u == optional.length - 1 || (u == optional.length - 2 && optional[u + 1]);
    }

    public int size() {
        return globalState.length;
    }

    public int globalState(int j) {
        return globalState[j];
    }

    public int[] globalStates() {
        return globalState;
    }

    /** The unit (position in the normalised symbol sequence) line state j belongs to. */
    public int unitOf(int j) {
        return unitOfState[j];
    }

    public int units() {
        return unitSymbol.length;
    }

    public int unitSymbol(int u) {
        return unitSymbol[u];
    }

    public boolean unitOptional(int u) {
        return unitOptional[u];
    }

    public int arcs() {
        return arcFrom.length;
    }

    public int arcFrom(int a) {
        return arcFrom[a];
    }

    public int arcTo(int a) {
        return arcTo[a];
    }

    public double arcLogProb(int a) {
        return arcLogProb[a];
    }

    /** {@code 3 * globalState + kind} of the transition parameter the arc uses. */
    public int arcParam(int a) {
        return arcParam[a];
    }

    public double logInit(int j) {
        return logInit[j];
    }

    public double logFinal(int j) {
        return logFinal[j];
    }

    /** The parameter of state j's final transition, or -1. */
    public int finalParam(int j) {
        return finalParam[j];
    }

    /** Fewest frames any path through the line needs (the line cannot be aligned to fewer). */
    public int minimumFrames() {
        int[] best = new int[size()];
        Arrays.fill(best, Integer.MAX_VALUE);
        for (int j = 0; j < size(); j++) if (logInit[j] > Double.NEGATIVE_INFINITY) best[j] = 1;
        // arcs only go forward (or loop), and are stored in increasing source order
        for (int a = 0; a < arcFrom.length; a++) {
            int f = arcFrom[a];
            int t = arcTo[a];
            if (t != f && best[f] != Integer.MAX_VALUE) best[t] = Math.min(best[t], best[f] + 1);
        }
        int min = Integer.MAX_VALUE;
        for (int j = 0; j < size(); j++) if (logFinal[j] > Double.NEGATIVE_INFINITY) min = Math.min(min, best[j]);
        return min;
    }

    private static final class ArcList {
        private int n;
        private int[] from = new int[64];
        private int[] to = new int[64];
        private double[] logProb = new double[64];
        private int[] param = new int[64];

        void add(int f, int t, double lp, int p) {
            if (n == from.length) {
                from = Arrays.copyOf(from, 2 * n);
                to = Arrays.copyOf(to, 2 * n);
                logProb = Arrays.copyOf(logProb, 2 * n);
                param = Arrays.copyOf(param, 2 * n);
            }
            from[n] = f;
            to[n] = t;
            logProb[n] = lp;
            param[n] = p;
            n++;
        }

        int[] from() {
            return Arrays.copyOf(from, n);
        }

        int[] to() {
            return Arrays.copyOf(to, n);
        }

        double[] logProb() {
            return Arrays.copyOf(logProb, n);
        }

        int[] param() {
            return Arrays.copyOf(param, n);
        }
    }
}
