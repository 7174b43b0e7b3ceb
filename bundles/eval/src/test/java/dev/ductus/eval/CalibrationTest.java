package dev.ductus.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.ConfidenceCalibration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    /** Characters whose true chance of being right is sigmoid(0.5 * logit(c) + 0.3): over-confident. */
    private static Calibration.Samples overConfident(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Calibration.Samples s = new Calibration.Samples();
        for (int i = 0; i < n; i++) {
            double z = -4 + 8 * r.nextDouble();
            double c = ConfidenceCalibration.sigmoid(z);
            s.add(c, r.nextDouble() < ConfidenceCalibration.sigmoid(0.5 * z + 0.3));
        }
        return s;
    }

    private static double nll(double a, double b, double[] c, boolean[] y) {
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            double p = ConfidenceCalibration.sigmoid(a * ConfidenceCalibration.logit(c[i]) + b);
            sum -= Math.log(y[i] ? p : 1 - p);
        }
        return sum;
    }

    @Test
    void plattFitRecoversTheGeneratingMapAndLowersTheEce() {
        Calibration.Samples s = overConfident(20_000, 7);
        ConfidenceCalibration fit = Calibration.fit(s.confidences(), s.correct());
        assertEquals(0.5, fit.a(), 0.05);
        assertEquals(0.3, fit.b(), 0.08);
        double before = Calibration.ece(s.confidences(), s.correct());
        double after = Calibration.ece(Calibration.apply(fit, s.confidences()), s.correct());
        assertTrue(before > 0.05, "the raw confidences are over-confident: ECE " + before);
        assertTrue(after < 0.02, "calibrated ECE " + after);
    }

    @Test
    void theNewtonFitIsTheMinimumOfTheLikelihoodFoundByBruteForce() {
        Calibration.Samples s = overConfident(2_000, 3);
        double[] c = s.confidences();
        boolean[] y = s.correct();
        ConfidenceCalibration fit = Calibration.fit(c, y);
        double best = Double.POSITIVE_INFINITY, bestA = 0, bestB = 0;
        for (double a = 0.05; a <= 2.0; a += 0.01) {
            for (double b = -1.5; b <= 1.5; b += 0.01) {
                double v = nll(a, b, c, y);
                if (v < best) {
                    best = v;
                    bestA = a;
                    bestB = b;
                }
            }
        }
        assertEquals(bestA, fit.a(), 0.011);
        assertEquals(bestB, fit.b(), 0.011);
        assertTrue(nll(fit.a(), fit.b(), c, y) <= best + 1e-6, "Newton's optimum is no worse than the grid's");
    }

    @Test
    void eceByHand() {
        // bin of 0.9: two characters, one right -> |0.5 - 0.9|; bin of 0.2: one wrong -> |0 - 0.2|
        double e = Calibration.ece(new double[] {0.9, 0.9, 0.2}, new boolean[] {true, false, false});
        assertEquals((Math.abs(1 - 1.8) + Math.abs(0 - 0.2)) / 3, e, 1e-12);
        assertTrue(Double.isNaN(Calibration.ece(new double[0], new boolean[0])));
    }

    @Test
    void degenerateSamplesGiveTheIdentity() {
        ConfidenceCalibration id = Calibration.fit(new double[] {0.3, 0.8}, new boolean[] {true, true});
        assertEquals(1, id.a());
        assertEquals(0, id.b());
        assertEquals(0.37, id.apply(0.37), 1e-9);
    }

    private static List<CharSpan> spans(String text, double conf) {
        List<CharSpan> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) out.add(new CharSpan(text.substring(i, i + 1), i, i + 1, i, i + 1, conf, 0));
        return out;
    }

    @Test
    void charactersAreJudgedByTheMinimalAlignment() {
        assertArrayEquals(new boolean[] {true, false, true}, Calibration.judge("cat", "cut", spans("cut", 0.5)));
        assertArrayEquals(new boolean[] {true, false, true, true}, Calibration.judge("cat", "cxat", spans("cxat", 0.5)));
        assertArrayEquals(new boolean[] {true, true}, Calibration.judge("cat", "ct", spans("ct", 0.5)));
        Calibration.Samples s = new Calibration.Samples();
        s.add("cat", spans("cut", 0.9));
        assertEquals(3, s.size());
        assertArrayEquals(new boolean[] {true, false, true}, s.correct());
    }

    @Test
    void theCalibrationIsMonotoneAndRoundTripsThroughFacts() {
        ConfidenceCalibration c = new ConfidenceCalibration(0.6, -0.2);
        double last = -1;
        for (double p = 0; p <= 1.0; p += 0.01) {
            double q = c.apply(p);
            assertTrue(q >= last && q >= 0 && q <= 1);
            last = q;
        }
        ConfidenceCalibration back = ConfidenceCalibration.of(c.facts()).orElseThrow();
        assertEquals(c.a(), back.a(), 1e-6);
        assertEquals(c.b(), back.b(), 1e-6);
        assertTrue(ConfidenceCalibration.of(java.util.Map.of("calibration.a", "-1", "calibration.b", "0")).isEmpty());
    }
}
