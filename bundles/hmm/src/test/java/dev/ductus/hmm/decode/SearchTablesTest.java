package dev.ductus.hmm.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive tables of the search against plain references: sorting, java.util maps, recomputation. */
class SearchTablesTest {
    @Test
    void selectionFindsWhatSortingFinds() {
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(300);
            double[] v = new double[n];
            // few distinct values in some trials, so that ties meet the pivot
            int distinct = trial % 3 == 0 ? 1 + r.nextInt(4) : 1_000_000;
            for (int i = 0; i < n; i++) v[i] = r.nextInt(distinct) - r.nextDouble() * (distinct > 10 ? 1 : 0);
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int k = r.nextInt(n);
            assertEquals(sorted[k], TokenTable.kthSmallest(v.clone(), n, k), "trial " + trial);
        }
    }

    @Test
    void histogramPruningKeepsTheBestTokensAndTheirTies() {
        TokenTable table = new TokenTable();
        Random r = new Random(5);
        double[] scores = new double[2000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -r.nextInt(500);
            table.offer(i % 37, i, scores[i], -1, -1, false);
        }
        table.prune(1e9, 100);
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double cut = sorted[scores.length - 100];
        int alive = 0;
        for (int i = 0; i < table.size; i++) {
            assertEquals(table.score[i] >= cut, table.alive(i));
            if (table.alive(i)) alive++;
        }
        assertTrue(alive >= 100, "ties at the cut survive");
        table.prune(3, 1_000_000);
        for (int i = 0; i < table.size; i++) assertEquals(table.score[i] >= table.best - 3, table.alive(i));
    }

    @Test
    void tokenTableRecombinesOnStateAndContext() {
        TokenTable table = new TokenTable();
        Map<Long, Double> reference = new HashMap<>();
        Random r = new Random(9);
        for (int i = 0; i < 50_000; i++) {
            int g = r.nextInt(600);
            int ctx = r.nextInt(200);
            double s = -1000 * r.nextDouble();
            table.offer(g, ctx, s, i, -1, false);
            reference.merge(((long) ctx << 32) | g, s, Math::max);
        }
        assertEquals(reference.size(), table.size);
        for (int i = 0; i < table.size; i++) {
            assertEquals(reference.get(((long) table.context[i] << 32) | table.state[i]), table.score[i]);
        }
    }

    @Test
    void longIntTableAgreesWithAHashMap() {
        LongIntTable table = new LongIntTable();
        Map<Long, Integer> reference = new HashMap<>();
        Random r = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            long key = r.nextInt(4) == 0 ? r.nextLong() & Long.MAX_VALUE : r.nextInt(50_000) * 75L + r.nextInt(75);
            if (r.nextBoolean()) {
                table.put(key, i);
                reference.put(key, i);
            }
            assertEquals(reference.getOrDefault(key, -1), table.get(key));
        }
        for (Map.Entry<Long, Integer> e : reference.entrySet()) assertEquals(e.getValue(), table.get(e.getKey()));
    }

    @Test
    void expansionCacheRemembersTheBestStepOfEveryPair() {
        int symbols = 7;
        ExpansionCache cache = new ExpansionCache(symbols);
        Random r = new Random(13);
        Map<Integer, double[]> reference = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            int ctx = r.nextInt(3000);
            int c = r.nextInt(symbols);
            int pair = cache.base(ctx) + c;
            if (cache.stepMax[pair] == cache.stepMax[pair]) continue; // expanded once only, as the decoder does
            cache.count[pair] = 0;
            cache.stepMax[pair] = Double.NEGATIVE_INFINITY;
            int n = r.nextInt(3);
            double[] steps = new double[n];
            for (int k = 0; k < n; k++) {
                steps[k] = -50 * r.nextDouble();
                cache.add(pair, steps[k], "ctx" + ctx + "/" + c + "/" + k, k == 1);
            }
            reference.put(ctx * symbols + c, steps);
        }
        for (int ctx = 0; ctx < 3000; ctx++) {
            for (int c = 0; c < symbols; c++) {
                int pair = cache.base(ctx) + c;
                double[] steps = reference.get(ctx * symbols + c);
                if (steps == null) {
                    assertTrue(Double.isNaN(cache.stepMax[pair]), "unexpanded pairs stay NaN");
                    continue;
                }
                assertEquals(steps.length, cache.count[pair]);
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < steps.length; k++) {
                    max = Math.max(max, steps[k]);
                    assertEquals(steps[k], cache.score[2 * pair + k]);
                    assertEquals("ctx" + ctx + "/" + c + "/" + k, cache.pending[2 * pair + k]);
                    assertEquals(-1, cache.next[2 * pair + k]);
                }
                assertEquals(max, cache.stepMax[pair]);
            }
        }
        int pair = cache.base(0);
        cache.count[pair] = 2;
        assertThrows(IllegalStateException.class, () -> cache.add(pair, 0, "third", false));
    }
}
