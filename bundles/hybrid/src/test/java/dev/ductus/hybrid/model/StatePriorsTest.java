package dev.ductus.hybrid.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatePriorsTest {
    @Test
    void relativeFrequenciesOfTheTargetsSumToOne() {
        StatePriors p = StatePriors.count(List.of(new int[] {0, 0, 1, 2}, new int[] {2, 2, -1, 0}), 4, 0);
        // 7 counted frames (the ignored -1 does not count): 3, 1, 3, 0
        assertArrayEquals(new double[] {3 / 7.0, 1 / 7.0, 3 / 7.0, 0}, p.values(), 1e-15);
        assertEquals(1.0, sum(p.values()), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, p.logValues()[3]);
    }

    @Test
    void smoothingGivesUnseenStatesAPriorAndStillSumsToOne() {
        StatePriors p = StatePriors.count(List.of(new int[] {0, 0, 1, 2}, new int[] {2, 2, 0}), 4, 1);
        // counts 3+1, 1+1, 3+1, 0+1 over 7 + 4
        assertArrayEquals(new double[] {4 / 11.0, 2 / 11.0, 4 / 11.0, 1 / 11.0}, p.values(), 1e-15);
        assertEquals(1.0, sum(p.values()), 1e-12);
        for (double l : p.logValues()) assertEquals(true, Double.isFinite(l));
    }

    @Test
    void manyStatesStillSumToOne() {
        int states = 474;
        int[] line = new int[100_003];
        for (int t = 0; t < line.length; t++) line[t] = (int) ((t * 2654435761L) % states);
        StatePriors p = StatePriors.count(List.of(line), states, 0.5);
        assertEquals(1.0, sum(p.values()), 1e-12);
    }

    @Test
    void rejectsTargetsOutsideTheStatesAndEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> StatePriors.count(List.of(new int[] {4}), 4, 1));
        assertThrows(IllegalArgumentException.class, () -> StatePriors.count(List.of(new int[0]), 4, 0));
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }
}
