package dev.ductus.hmm.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogMathTest {
    @Test
    void logAddMatchesDirectSum() {
        double[][] cases = {{-1, -2}, {-700, -701}, {3, 3}, {-0.5, -40}};
        for (double[] c : cases) {
            double direct = Math.log(Math.exp(c[0]) + Math.exp(c[1]));
            if (c[0] < -600) direct = c[0] + Math.log(1 + Math.exp(c[1] - c[0]));
            assertEquals(direct, LogMath.logAdd(c[0], c[1]), 1e-12);
            assertEquals(direct, LogMath.logAdd(c[1], c[0]), 1e-12);
        }
    }

    @Test
    void logZeroIsNeutral() {
        assertEquals(-3.5, LogMath.logAdd(LogMath.LOG_ZERO, -3.5));
        assertEquals(-3.5, LogMath.logAdd(-3.5, LogMath.LOG_ZERO));
        assertEquals(LogMath.LOG_ZERO, LogMath.logAdd(LogMath.LOG_ZERO, LogMath.LOG_ZERO));
    }

    @Test
    void logSumExpOfRange() {
        double[] v = {1, 2, 3, 100};
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), LogMath.logSumExp(v, 0, 3), 1e-12);
        assertEquals(LogMath.LOG_ZERO, LogMath.logSumExp(v, 2, 2));
    }
}
