package dev.ductus.lm.kn;

import dev.ductus.lm.count.IntSequenceTable;
import dev.ductus.lm.count.NgramCounts;
import dev.ductus.lm.count.Vocabulary;
import dev.ductus.lm.model.NgramList;

/**
 * Interpolated modified Kneser-Ney estimation (Chen and Goodman 1998, as SRILM's {@code -kndiscount
 * -interpolate} and KenLM's lmplz compute it).
 *
 * <ul>
 * <li>Counts: the highest order uses raw counts; a lower-order n-gram uses its continuation count, the number
 * of distinct words seen before it, except that n-grams starting with {@code <s>} keep their raw count (nothing
 * can precede {@code <s>}).</li>
 * <li>Discounts D1, D2, D3+ per order from that order's count-of-counts ({@link Discounts}).</li>
 * <li>p(w|h) = (a(hw) - D(a(hw))) / a(h.) + gamma(h) p(w|h'), gamma(h) = (D1 N1(h.) + D2 N2(h.) + D3+ N3+(h.)) / a(h.),
 * where h' drops the oldest word; unigrams interpolate with the uniform distribution over the vocabulary
 * (without {@code <s>}, which gets probability 0 = log10 -99).</li>
 * <li>Cut-offs: an n-gram (order >= 2) seen fewer than minCount[n] times is dropped, unless a kept longer
 * n-gram needs it as prefix or suffix. Its mass goes to the backoff weight, computed so that every history
 * still sums to one: bow(h) = gamma(h) + (sum of dropped (a - D)/a(h.)) / (1 - sum over kept w of p(w|h')).
 * Without cut-offs bow(h) = gamma(h) exactly.</li>
 * </ul>
 */
public final class KneserNeyEstimator {
    /** The estimated n-grams (lists index 1..N, log10) and each order's discounts (index 1..N). */
    public record Result(NgramList[] lists, Discounts[] discounts) {
    }

    private KneserNeyEstimator() {
    }

    /**
     * @param vocabularySize ids 0..size-1 all get a unigram, seen or not
     * @param minCounts index n = minimum raw count for order n (values for n < 2 are ignored); null keeps all
     */
    public static Result estimate(NgramCounts counts, int vocabularySize, int[] minCounts) {
        int order = counts.order();
        IntSequenceTable[] tables = new IntSequenceTable[order + 1];
        int[] sizes = new int[order + 1];
        for (int n = 1; n <= order; n++) {
            tables[n] = counts.table(n);
            sizes[n] = tables[n].size();
        }

        // Adjusted counts, and each entry's prefix and suffix ids one order down.
        int[][] adjusted = new int[order + 1][];
        int[][] prefixOf = new int[order + 1][];
        int[][] suffixOf = new int[order + 1][];
        adjusted[order] = new int[sizes[order]];
        for (int e = 0; e < sizes[order]; e++) adjusted[order][e] = counts.count(order, e);
        for (int n = 2; n <= order; n++) {
            int[] flat = tables[n].flatKeys();
            int[] pre = new int[sizes[n]];
            int[] suf = new int[sizes[n]];
            for (int e = 0; e < sizes[n]; e++) {
                pre[e] = tables[n - 1].find(flat, e * n);
                suf[e] = tables[n - 1].find(flat, e * n + 1);
            }
            prefixOf[n] = pre;
            suffixOf[n] = suf;
        }
        for (int n = order - 1; n >= 1; n--) {
            int[] adj = new int[sizes[n]];
            for (int e = 0; e < sizes[n + 1]; e++) adj[suffixOf[n + 1][e]]++;
            for (int e = 0; e < sizes[n]; e++) {
                if (tables[n].word(e, 0) == Vocabulary.BOS_ID) adj[e] = counts.count(n, e);
            }
            adjusted[n] = adj;
        }

        Discounts[] discounts = new Discounts[order + 1];
        for (int n = 1; n <= order; n++) {
            long[] coc = new long[5];
            for (int e = 0; e < sizes[n]; e++) {
                if (n == 1 && tables[1].word(e, 0) == Vocabulary.BOS_ID) continue;
                int a = adjusted[n][e];
                if (a >= 1 && a <= 4) coc[a]++;
            }
            discounts[n] = Discounts.estimate(coc[1], coc[2], coc[3], coc[4]);
        }

        boolean[][] kept = keep(counts, tables, sizes, prefixOf, suffixOf, minCounts);

        // Unigrams, indexed by word id.
        int[] uniEntry = new int[vocabularySize];
        java.util.Arrays.fill(uniEntry, -1);
        for (int e = 0; e < sizes[1]; e++) uniEntry[tables[1].word(e, 0)] = e;
        Discounts d = discounts[1];
        long total = 0;
        long c1 = 0, c2 = 0, c3 = 0;
        for (int w = 0; w < vocabularySize; w++) {
            if (w == Vocabulary.BOS_ID || uniEntry[w] < 0) continue;
            int a = adjusted[1][uniEntry[w]];
            total += a;
            if (a == 1) c1++;
            else if (a == 2) c2++;
            else if (a >= 3) c3++;
        }
        double[] lowerProb = new double[vocabularySize];
        int others = vocabularySize - 1;
        double gamma = total == 0 ? 1 : (d.d1() * c1 + d.d2() * c2 + d.d3plus() * c3) / total;
        for (int w = 0; w < vocabularySize; w++) {
            if (w == Vocabulary.BOS_ID) continue;
            int a = uniEntry[w] < 0 ? 0 : adjusted[1][uniEntry[w]];
            lowerProb[w] = (total == 0 ? 0 : (a - d.of(a)) / total) + gamma / others;
        }
        // lowerProb is indexed by word id for order 1, by entry id above; the same for unigram entries:
        double[] entryProb = new double[sizes[1]];
        for (int e = 0; e < sizes[1]; e++) entryProb[e] = lowerProb[tables[1].word(e, 0)];

        NgramList[] lists = new NgramList[order + 1];
        double[][] backoffOf = new double[order + 1][];
        double[][] probOf = new double[order + 1][];
        probOf[1] = entryProb;
        for (int n = 2; n <= order; n++) {
            Discounts dn = discounts[n];
            int ctxCount = sizes[n - 1];
            long[] ctxTotal = new long[ctxCount];
            int[][] buckets = new int[3][ctxCount];
            double[] dropped = new double[ctxCount];
            double[] keptLower = new double[ctxCount];
            for (int e = 0; e < sizes[n]; e++) {
                int c = prefixOf[n][e];
                int a = adjusted[n][e];
                ctxTotal[c] += a;
                buckets[Math.min(a, 3) - 1][c]++;
                if (!kept[n][e]) dropped[c] += a - dn.of(a);
            }
            double[] prob = new double[sizes[n]];
            double[] lower = probOf[n - 1];
            for (int e = 0; e < sizes[n]; e++) {
                if (!kept[n][e]) continue;
                int c = prefixOf[n][e];
                int a = adjusted[n][e];
                double g = gammaOf(dn, buckets, c, ctxTotal[c]);
                double pLower = lower[suffixOf[n][e]];
                prob[e] = (a - dn.of(a)) / ctxTotal[c] + g * pLower;
                keptLower[c] += pLower;
            }
            double[] bow = new double[ctxCount];
            for (int c = 0; c < ctxCount; c++) {
                if (ctxTotal[c] == 0) {
                    bow[c] = 1;
                    continue;
                }
                double g = gammaOf(dn, buckets, c, ctxTotal[c]);
                double rest = 1 - keptLower[c];
                bow[c] = dropped[c] > 0 && rest > 1e-12 ? g + dropped[c] / ctxTotal[c] / rest : g;
            }
            probOf[n] = prob;
            backoffOf[n - 1] = bow;
        }

        NgramList uni = new NgramList(1, vocabularySize);
        int[] one = new int[1];
        for (int w = 0; w < vocabularySize; w++) {
            one[0] = w;
            float p = w == Vocabulary.BOS_ID ? -99f : (float) Math.log10(lowerProb[w]);
            float b = order > 1 && uniEntry[w] >= 0 ? (float) Math.log10(backoffOf[1][uniEntry[w]]) : 0f;
            uni.add(one, 0, p, b);
        }
        lists[1] = uni;
        for (int n = 2; n <= order; n++) {
            int keptCount = 0;
            for (int e = 0; e < sizes[n]; e++) if (kept[n][e]) keptCount++;
            NgramList list = new NgramList(n, keptCount);
            int[] flat = tables[n].flatKeys();
            for (int e = 0; e < sizes[n]; e++) {
                if (!kept[n][e]) continue;
                float b = n < order ? (float) Math.log10(backoffOf[n][e]) : 0f;
                list.add(flat, e * n, (float) Math.log10(probOf[n][e]), b);
            }
            lists[n] = list;
        }
        return new Result(lists, discounts);
    }

    private static double gammaOf(Discounts d, int[][] buckets, int c, long total) {
        return (d.d1() * buckets[0][c] + d.d2() * buckets[1][c] + d.d3plus() * buckets[2][c]) / total;
    }

    /** Which n-grams survive the cut-offs: top order down, so kept n-grams can protect their prefix and suffix. */
    private static boolean[][] keep(NgramCounts counts, IntSequenceTable[] tables, int[] sizes, int[][] prefixOf,
                                    int[][] suffixOf, int[] minCounts) {
        int order = counts.order();
        boolean[][] kept = new boolean[order + 1][];
        for (int n = order; n >= 1; n--) {
            boolean[] k = new boolean[sizes[n]];
            int min = n >= 2 && minCounts != null ? minCounts[Math.min(n, minCounts.length - 1)] : 0;
            for (int e = 0; e < sizes[n]; e++) k[e] = counts.count(n, e) >= min;
            if (n < order) {
                for (int e = 0; e < sizes[n + 1]; e++) {
                    if (kept[n + 1][e]) {
                        k[prefixOf[n + 1][e]] = true;
                        k[suffixOf[n + 1][e]] = true;
                    }
                }
            }
            kept[n] = k;
        }
        return kept;
    }
}
