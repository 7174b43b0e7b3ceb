package dev.ductus.hmm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.LineHmm;
import org.junit.jupiter.api.Test;

/** Beam-pruned forward-backward and Viterbi with lazily computed emissions against the exact passes. */
class PrunedPassesTest {
    private final GmmHmm model = SyntheticLines.trueModel();

    @Test
    void lazyEmissionsEqualTheFullMatrix() {
        SyntheticLines.Sampled s = SyntheticLines.sample(model, 1, 21).get(0);
        LineHmm line = LineHmm.of(model.hmms(), s.line().labels());
        float[] x = s.line().features().data();
        double[] full = model.lineLogLikelihoods(x, s.line().frames(), line);
        LineEmissions lazy = model.lazyLineLogLikelihoods(x, s.line().frames(), line);
        for (int t = s.line().frames() - 1; t >= 0; t--) {
            for (int j = 0; j < line.size(); j++) assertEquals(full[t * line.size() + j], lazy.get(t, j), 0.0);
        }
    }

    @Test
    void prunedPassesAgreeWithExactOnes() {
        int pruned = 0;
        for (SyntheticLines.Sampled s : SyntheticLines.sample(model, 20, 22)) {
            LineHmm line = LineHmm.of(model.hmms(), s.line().labels());
            int frames = s.line().frames();
            float[] x = s.line().features().data();
            double[] full = model.lineLogLikelihoods(x, frames, line);
            ForwardBackward exact = ForwardBackward.run(line, full, frames);
            ForwardBackward beam = ForwardBackward.run(line, model.lazyLineLogLikelihoods(x, frames, line), frames, 30);
            assertEquals(exact.logLikelihood(), beam.logLikelihood(), 1e-6 * Math.abs(exact.logLikelihood()));
            assertTrue(beam.logLikelihood() <= exact.logLikelihood() + 1e-9);
            for (int t = 0; t < frames; t++) {
                pruned += line.size() - beam.activeStates(t).length;
                for (int j : beam.activeStates(t)) {
                    assertEquals(Math.exp(exact.logOccupancy(t, j)), Math.exp(beam.logOccupancy(t, j)), 1e-6);
                }
            }
            Alignment a = ViterbiAligner.align("x", line, full, frames);
            Alignment b = ViterbiAligner.align("x", line, model.lazyLineLogLikelihoods(x, frames, line), frames, 30);
            assertArrayEquals(a.lineStates(), b.lineStates());
            assertEquals(a.logScore(), b.logScore(), 1e-9);
        }
        assertTrue(pruned > 0, "the beam should have pruned something");
    }
}
