package dev.ductus.hmm.topology;

import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.HmmStructure;
import java.util.Arrays;

/**
 * One left-to-right (Bakis) HMM per alphabet symbol, stored as flat arrays over the global state index:
 * state s of symbol c is global state {@code offset(c) + s}. Each state has a self loop, a step to the next
 * state (from the last state: leaving the model) and, when skips are enabled, a jump over the next state
 * (from the last but one state: leaving the model). The three probabilities of a state sum to one.
 * Immutable: training builds a new instance with {@link #withTransitions}.
 */
public final class CharacterHmms implements HmmStructure {
    /** The symbol that models the gap between words and the margins of a line. */
    public static final String SPACE = " ";

    private final Alphabet alphabet;
    private final int[] offsets;
    private final int[] symbolOfState;
    private final double[] logSelf;
    private final double[] logNext;
    private final double[] logSkip;
    private final boolean skips;

    private CharacterHmms(Alphabet alphabet, int[] offsets, double[] logSelf, double[] logNext, double[] logSkip,
                          boolean skips) {
        this.alphabet = alphabet;
        this.offsets = offsets;
        this.logSelf = logSelf;
        this.logNext = logNext;
        this.logSkip = logSkip;
        this.skips = skips;
        this.symbolOfState = new int[offsets[offsets.length - 1]];
        for (int c = 0; c + 1 < offsets.length; c++) {
            Arrays.fill(symbolOfState, offsets[c], offsets[c + 1], c);
        }
    }

    /**
     * Models with the given number of states per symbol, all with the same initial transitions.
     *
     * @param selfProb probability of the self loop, e.g. 1 - 1 / (expected frames per state)
     * @param skipProb probability of skipping the next state (0 disables skips)
     */
    public static CharacterHmms create(Alphabet alphabet, int[] stateCounts, double selfProb, double skipProb) {
        if (stateCounts.length != alphabet.size()) {
            throw new IllegalArgumentException(stateCounts.length + " state counts for " + alphabet.size() + " symbols");
        }
        if (!(selfProb > 0 && selfProb < 1) || skipProb < 0 || selfProb + skipProb >= 1) {
            throw new IllegalArgumentException("bad transition probabilities self=" + selfProb + " skip=" + skipProb);
        }
        int[] offsets = new int[stateCounts.length + 1];
        for (int c = 0; c < stateCounts.length; c++) {
            if (stateCounts[c] < 1) throw new IllegalArgumentException("symbol " + c + " needs >= 1 state");
            offsets[c + 1] = offsets[c] + stateCounts[c];
        }
        int total = offsets[stateCounts.length];
        double[] self = new double[total];
        double[] next = new double[total];
        double[] skip = new double[total];
        boolean skips = skipProb > 0;
        for (int c = 0; c < stateCounts.length; c++) {
            for (int s = 0; s < stateCounts[c]; s++) {
                int g = offsets[c] + s;
                boolean canSkip = skips && s + 2 <= stateCounts[c];
                double pSkip = canSkip ? skipProb : 0;
                self[g] = Math.log(selfProb);
                skip[g] = canSkip ? Math.log(pSkip) : Double.NEGATIVE_INFINITY;
                next[g] = Math.log(1 - selfProb - pSkip);
            }
        }
        return new CharacterHmms(alphabet, offsets, self, next, skip, skips);
    }

    /** The same topology with new transition log probabilities (arrays over global states, copied). */
    public CharacterHmms withTransitions(double[] logSelf, double[] logNext, double[] logSkip) {
        int n = totalStates();
        if (logSelf.length != n || logNext.length != n || logSkip.length != n) {
            throw new IllegalArgumentException("transition arrays must have " + n + " entries");
        }
        for (int g = 0; g < n; g++) {
            if (!canSkip(g) && logSkip[g] != Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("state " + g + " cannot skip");
            }
        }
        return new CharacterHmms(alphabet, offsets, logSelf.clone(), logNext.clone(), logSkip.clone(), skips);
    }

    @Override
    public Alphabet alphabet() {
        return alphabet;
    }

    @Override
    public int stateCount(int symbol) {
        return offsets[symbol + 1] - offsets[symbol];
    }

    @Override
    public int stateIndex(int symbol, int state) {
        return offsets[symbol] + state;
    }

    @Override
    public int totalStates() {
        return offsets[offsets.length - 1];
    }

    @Override
    public double logSelfLoop(int symbol, int state) {
        return logSelf[offsets[symbol] + state];
    }

    @Override
    public double logNext(int symbol, int state) {
        return logNext[offsets[symbol] + state];
    }

    @Override
    public double logSkip(int symbol, int state) {
        return logSkip[offsets[symbol] + state];
    }

    /** Whether the models allow skipping a state. */
    public boolean skips() {
        return skips;
    }

    /** Whether global state g may skip (skips enabled and at least two states left in its model). */
    public boolean canSkip(int g) {
        int c = symbolOfState[g];
        return skips && g - offsets[c] + 2 <= stateCount(c);
    }

    public int symbolOf(int globalState) {
        return symbolOfState[globalState];
    }

    public int stateInSymbol(int globalState) {
        return globalState - offsets[symbolOfState[globalState]];
    }

    /** Index of the space symbol, or -1 when the alphabet has none. */
    public int spaceSymbol() {
        return alphabet.indexOf(SPACE);
    }

    public int[] stateCounts() {
        int[] counts = new int[alphabet.size()];
        for (int c = 0; c < counts.length; c++) counts[c] = stateCount(c);
        return counts;
    }

    /** Log self-loop probabilities over global states (a copy). */
    public double[] logSelfArray() {
        return logSelf.clone();
    }

    public double[] logNextArray() {
        return logNext.clone();
    }

    public double[] logSkipArray() {
        return logSkip.clone();
    }

    /** Converts a structure from another source (e.g. a hybrid model's) into flat arrays. */
    public static CharacterHmms copyOf(HmmStructure hmm) {
        if (hmm instanceof CharacterHmms c) return c;
        Alphabet a = hmm.alphabet();
        int[] counts = new int[a.size()];
        int[] offsets = new int[a.size() + 1];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = hmm.stateCount(c);
            offsets[c + 1] = offsets[c] + counts[c];
            for (int s = 0; s < counts[c]; s++) {
                if (hmm.stateIndex(c, s) != offsets[c] + s) {
                    throw new IllegalArgumentException("HMM states must be numbered symbol by symbol, state by state");
                }
            }
        }
        int n = offsets[a.size()];
        double[] self = new double[n];
        double[] next = new double[n];
        double[] skip = new double[n];
        boolean anySkip = false;
        for (int c = 0; c < counts.length; c++) {
            for (int s = 0; s < counts[c]; s++) {
                int g = offsets[c] + s;
                self[g] = hmm.logSelfLoop(c, s);
                next[g] = hmm.logNext(c, s);
                skip[g] = s + 2 <= counts[c] ? hmm.logSkip(c, s) : Double.NEGATIVE_INFINITY;
                anySkip |= skip[g] > Double.NEGATIVE_INFINITY;
            }
        }
        return new CharacterHmms(a, offsets, self, next, skip, anySkip);
    }
}
