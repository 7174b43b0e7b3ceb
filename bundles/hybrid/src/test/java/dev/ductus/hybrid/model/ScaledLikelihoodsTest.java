package dev.ductus.hybrid.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScaledLikelihoodsTest {
    @Test
    void dividesThePosteriorsByThePriorsRaisedToTheExponent() {
        StatePriors priors = StatePriors.of(new double[] {0.5, 0.25, 0.25});
        // one frame with posteriors 0.2, 0.3, 0.5
        float[] post = {(float) Math.log(0.2), (float) Math.log(0.3), (float) Math.log(0.5)};
        float[] exact = post.clone();
        new ScaledLikelihoods(priors, 1.0, 1.0).apply(exact, 1);
        assertArrayEquals(new float[] {(float) Math.log(0.4), (float) Math.log(1.2), (float) Math.log(2.0)}, exact, 1e-6f);

        // a = 0.5 divides by the square root of the priors; scale 2 doubles every score
        float[] half = post.clone();
        new ScaledLikelihoods(priors, 0.5, 2.0).apply(half, 1);
        assertArrayEquals(new float[] {(float) (2 * Math.log(0.2 / Math.sqrt(0.5))), (float) (2 * Math.log(0.3 / 0.5)),
            (float) (2 * Math.log(0.5 / 0.5))}, half, 1e-6f);

        // a = 0 leaves the posteriors
        float[] none = post.clone();
        new ScaledLikelihoods(priors, 0.0, 1.0).apply(none, 1);
        assertArrayEquals(post, none, 0f);
    }

    @Test
    void logSoftmaxRowsNormaliseEachFrame() {
        float[] v = {1, 2, 3, 10, 10, 10};
        ScaledLikelihoods.logSoftmaxRows(v, 2, 3);
        double z = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertArrayEquals(new float[] {(float) (1 - z), (float) (2 - z), (float) (3 - z), (float) -Math.log(3),
            (float) -Math.log(3), (float) -Math.log(3)}, v, 1e-6f);
    }

    @Test
    void rejectsBadSettings() {
        StatePriors priors = StatePriors.of(new double[] {1, 1});
        assertThrows(IllegalArgumentException.class, () -> new ScaledLikelihoods(priors, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScaledLikelihoods(priors, 1, 0));
    }
}
