package dev.ductus.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Levenshtein distance over code points or whitespace-separated words, split into substitutions, insertions
 * and deletions. Counting needs two rows of the dynamic programme; aligning keeps one back-pointer byte per
 * cell. A common prefix and suffix are matched before the programme runs (that never changes the distance),
 * so a nearly correct line costs little more than its differing middle.
 *
 * <p>Among alignments of equal cost both methods pick the same one (a substitution or match before a
 * deletion before an insertion, cell by cell), so {@code count} and {@code align} always report equal counts.
 */
public final class EditDistance {
    /** The most DP cells (differing middle of reference + 1 times that of the hypothesis + 1) align accepts. */
    public static final long MAX_ALIGNMENT_CELLS = 1L << 28;

    private static final byte DIAGONAL = 0;
    private static final byte DELETION = 1;
    private static final byte INSERTION = 2;

    private EditDistance() {
    }

    /** Edit counts over code points: a character outside the BMP (a surrogate pair) is one token. */
    public static EditCounts characters(String reference, String hypothesis) {
        return count(reference.codePoints().toArray(), hypothesis.codePoints().toArray());
    }

    /** Edit counts over whitespace-separated words. */
    public static EditCounts words(String reference, String hypothesis) {
        List<String> r = WordTokens.split(reference);
        List<String> h = WordTokens.split(hypothesis);
        Map<String, Integer> ids = new HashMap<>();
        return count(wordIds(r, ids), wordIds(h, ids));
    }

    /** A minimal character alignment; its steps carry single code points. */
    public static Alignment alignCharacters(String reference, String hypothesis) {
        int[] r = reference.codePoints().toArray();
        int[] h = hypothesis.codePoints().toArray();
        return align(r, h, i -> new String(Character.toChars(r[i])), j -> new String(Character.toChars(h[j])));
    }

    /** A minimal word alignment; its steps carry words. */
    public static Alignment alignWords(String reference, String hypothesis) {
        List<String> r = WordTokens.split(reference);
        List<String> h = WordTokens.split(hypothesis);
        Map<String, Integer> ids = new HashMap<>();
        return align(wordIds(r, ids), wordIds(h, ids), r::get, h::get);
    }

    /** Edit counts of two token sequences (tokens compared by value). */
    public static EditCounts count(int[] reference, int[] hypothesis) {
        int n = reference.length;
        int prefix = commonPrefix(reference, hypothesis);
        int suffix = commonSuffix(reference, hypothesis, prefix);
        int rn = n - prefix - suffix;
        int hn = hypothesis.length - prefix - suffix;
        if (rn == 0) return new EditCounts(0, hn, 0, n);
        if (hn == 0) return new EditCounts(0, 0, rn, n);

        // cost and the substitutions / insertions on the chosen path; deletions = cost - S - I
        int[] prevCost = new int[hn + 1];
        int[] prevSub = new int[hn + 1];
        int[] prevIns = new int[hn + 1];
        int[] cost = new int[hn + 1];
        int[] sub = new int[hn + 1];
        int[] ins = new int[hn + 1];
        for (int j = 0; j <= hn; j++) {
            prevCost[j] = j;
            prevIns[j] = j;
        }
        for (int i = 1; i <= rn; i++) {
            int token = reference[prefix + i - 1];
            cost[0] = i;
            sub[0] = 0;
            ins[0] = 0;
            for (int j = 1; j <= hn; j++) {
                int mismatch = token == hypothesis[prefix + j - 1] ? 0 : 1;
                int diagonal = prevCost[j - 1] + mismatch;
                int deletion = prevCost[j] + 1;
                int insertion = cost[j - 1] + 1;
                if (diagonal <= deletion && diagonal <= insertion) {
                    cost[j] = diagonal;
                    sub[j] = prevSub[j - 1] + mismatch;
                    ins[j] = prevIns[j - 1];
                } else if (deletion <= insertion) {
                    cost[j] = deletion;
                    sub[j] = prevSub[j];
                    ins[j] = prevIns[j];
                } else {
                    cost[j] = insertion;
                    sub[j] = sub[j - 1];
                    ins[j] = ins[j - 1] + 1;
                }
            }
            int[] t = prevCost; prevCost = cost; cost = t;
            t = prevSub; prevSub = sub; sub = t;
            t = prevIns; prevIns = ins; ins = t;
        }
        int s = prevSub[hn];
        int i = prevIns[hn];
        return new EditCounts(s, i, prevCost[hn] - s - i, n);
    }

    /**
     * A minimal alignment of two token sequences; {@code referenceToken} and {@code hypothesisToken} give the
     * text of the token at an index, for the steps.
     *
     * @throws IllegalArgumentException when the differing middles need more than {@link #MAX_ALIGNMENT_CELLS}
     */
    public static Alignment align(int[] reference, int[] hypothesis, IntFunction<String> referenceToken,
                                  IntFunction<String> hypothesisToken) {
        int n = reference.length;
        int prefix = commonPrefix(reference, hypothesis);
        int suffix = commonSuffix(reference, hypothesis, prefix);
        int rn = n - prefix - suffix;
        int hn = hypothesis.length - prefix - suffix;
        long cells = (long) (rn + 1) * (hn + 1);
        if (cells > MAX_ALIGNMENT_CELLS) {
            throw new IllegalArgumentException("alignment of " + rn + " x " + hn + " differing tokens needs "
                    + cells + " cells, more than " + MAX_ALIGNMENT_CELLS);
        }
        int width = hn + 1;
        byte[] choice = new byte[(int) cells];
        int[] prevCost = new int[width];
        int[] cost = new int[width];
        for (int j = 0; j <= hn; j++) {
            prevCost[j] = j;
            choice[j] = INSERTION;
        }
        for (int i = 1; i <= rn; i++) {
            int token = reference[prefix + i - 1];
            cost[0] = i;
            choice[i * width] = DELETION;
            for (int j = 1; j <= hn; j++) {
                int diagonal = prevCost[j - 1] + (token == hypothesis[prefix + j - 1] ? 0 : 1);
                int deletion = prevCost[j] + 1;
                int insertion = cost[j - 1] + 1;
                if (diagonal <= deletion && diagonal <= insertion) {
                    cost[j] = diagonal;
                    choice[i * width + j] = DIAGONAL;
                } else if (deletion <= insertion) {
                    cost[j] = deletion;
                    choice[i * width + j] = DELETION;
                } else {
                    cost[j] = insertion;
                    choice[i * width + j] = INSERTION;
                }
            }
            int[] t = prevCost; prevCost = cost; cost = t;
        }

        List<Alignment.Step> middle = new ArrayList<>(Math.max(rn, hn));
        int s = 0, ins = 0, del = 0;
        int i = rn, j = hn;
        while (i > 0 || j > 0) {
            byte c = i == 0 ? INSERTION : j == 0 ? DELETION : choice[i * width + j];
            if (c == DIAGONAL) {
                String r = referenceToken.apply(prefix + i - 1);
                String h = hypothesisToken.apply(prefix + j - 1);
                boolean same = reference[prefix + i - 1] == hypothesis[prefix + j - 1];
                if (!same) s++;
                middle.add(new Alignment.Step(same ? Alignment.Op.MATCH : Alignment.Op.SUBSTITUTE, r, h));
                i--;
                j--;
            } else if (c == DELETION) {
                del++;
                middle.add(new Alignment.Step(Alignment.Op.DELETE, referenceToken.apply(prefix + i - 1), null));
                i--;
            } else {
                ins++;
                middle.add(new Alignment.Step(Alignment.Op.INSERT, null, hypothesisToken.apply(prefix + j - 1)));
                j--;
            }
        }
        Collections.reverse(middle);
        List<Alignment.Step> steps = new ArrayList<>(prefix + middle.size() + suffix);
        for (int k = 0; k < prefix; k++) {
            steps.add(new Alignment.Step(Alignment.Op.MATCH, referenceToken.apply(k), hypothesisToken.apply(k)));
        }
        steps.addAll(middle);
        for (int k = 0; k < suffix; k++) {
            steps.add(new Alignment.Step(Alignment.Op.MATCH, referenceToken.apply(n - suffix + k),
                    hypothesisToken.apply(hypothesis.length - suffix + k)));
        }
        return new Alignment(steps, new EditCounts(s, ins, del, n));
    }

    private static int commonPrefix(int[] a, int[] b) {
        int p = 0;
        int max = Math.min(a.length, b.length);
        while (p < max && a[p] == b[p]) p++;
        return p;
    }

    private static int commonSuffix(int[] a, int[] b, int prefix) {
        int s = 0;
        int max = Math.min(a.length, b.length) - prefix;
        while (s < max && a[a.length - 1 - s] == b[b.length - 1 - s]) s++;
        return s;
    }

    private static int[] wordIds(List<String> words, Map<String, Integer> ids) {
        int[] out = new int[words.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ids.computeIfAbsent(words.get(k), w -> ids.size());
        }
        return out;
    }
}
