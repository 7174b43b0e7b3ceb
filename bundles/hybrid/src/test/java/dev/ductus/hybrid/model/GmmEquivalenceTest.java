package dev.ductus.hybrid.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;
import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.LineHmm;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.ViterbiAligner;
import dev.ductus.hybrid.align.HybridAligner;
import dev.ductus.nn.layer.Dense;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The toy case where a hybrid and a GMM-HMM must agree: every state emits one Gaussian with the same isotropic
 * variance, and the network is the exact Bayes classifier for them (a linear layer: w_s = mu_s / var,
 * b_s = log pi_s - |mu_s|^2 / (2 var)). Then log p(s | x) - log pi_s = log N(x; mu_s) - log p(x): the scaled
 * likelihoods differ from the GMM's log-likelihoods by one number per frame, which moves every path by the
 * same amount, so decoder and forced alignment must find the same best path.
 */
class GmmEquivalenceTest {
    private static final double VAR = 0.8;
    /** Two values per frame: a 1 x 2 pixel window is the feature spec of that dimension. */
    private static final String SPEC = "pixels:w=1,s=1,h=2,deltas=0";

    @Test
    void scaledLikelihoodsGiveTheGmmsBestPath() {
        Alphabet alphabet = new Alphabet(List.of(" ", "a", "b"));
        CharacterHmms hmms = CharacterHmms.create(alphabet, new int[] {1, 2, 3}, 0.6, 0);
        int states = hmms.totalStates();
        Random r = new Random(3);
        double[][] means = new double[states][2];
        for (int s = 0; s < states; s++) {
            means[s][0] = 2.0 * Math.cos(2 * Math.PI * s / states);
            means[s][1] = 2.0 * Math.sin(2 * Math.PI * s / states);
        }
        double[] priors = {0.3, 0.1, 0.15, 0.2, 0.15, 0.1};
        DiagonalGmm[] gmms = new DiagonalGmm[states];
        for (int s = 0; s < states; s++) gmms[s] = DiagonalGmm.single(means[s].clone(), new double[] {VAR, VAR});
        GmmHmm gmm = new GmmHmm(hmms, gmms);

        Network net = new NetworkBuilder(DataType.FLOAT, 1).build(new Shape(1, 2), ModelSpec.parse("dense=" + states));
        Dense dense = (Dense) net.layers().get(0);
        for (int s = 0; s < states; s++) {
            for (int d = 0; d < 2; d++) dense.weight().value().set(d * states + s, means[s][d] / VAR);
            double norm2 = means[s][0] * means[s][0] + means[s][1] * means[s][1];
            dense.bias().value().set(s, Math.log(priors[s]) - norm2 / (2 * VAR));
        }
        HybridModel hybrid = new HybridModel(HybridModel.MLP_HMM, hmms, SPEC,
                new FeatureNormalizer(new float[] {0, 0}, new float[] {1, 1}), StatePriors.of(priors), 1.0, net, Map.of());

        // a line " ab a ": walk the states with a few frames each and noisy frames around the state means
        int[] path = {0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 0, 0, 0, 1, 1, 2, 2, 2, 0};
        int frames = path.length;
        float[] x = new float[2 * frames];
        for (int t = 0; t < frames; t++) {
            for (int d = 0; d < 2; d++) x[2 * t + d] = (float) (means[path[t]][d] + 0.35 * r.nextGaussian());
        }
        float[] frameX = new float[frames];
        for (int t = 0; t < frames; t++) frameX[t] = t + 0.5f;
        FeatureSequence seq = new FeatureSequence(frames, 2, x, frameX, SPEC);

        FrameScores fromGmm = new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, frames, states,
                gmm.stateLogLikelihoods(x, frames), alphabet, hmms, frameX, frames);
        FrameScores fromNet = hybrid.score(seq, frames, new ScaledLikelihoods(StatePriors.of(priors), 1.0, 1.0));
        assertEquals(hmms, fromNet.hmm());

        // per frame, the two differ by the same number for every state (-log p(x_t))
        for (int t = 0; t < frames; t++) {
            double offset = fromNet.get(t, 0) - fromGmm.get(t, 0);
            for (int s = 1; s < states; s++) assertEquals(offset, fromNet.get(t, s) - fromGmm.get(t, s), 1e-4, "frame " + t);
        }

        TokenPassingDecoder decoder = new TokenPassingDecoder(DecoderSettings.defaults().withLm(1, 0));
        Hypothesis g = decoder.decode(fromGmm, null);
        Hypothesis h = decoder.decode(fromNet, null);
        assertEquals(g.text(), h.text());
        assertEquals(g.characters().size(), h.characters().size());
        for (int i = 0; i < g.characters().size(); i++) {
            assertEquals(g.characters().get(i).t0(), h.characters().get(i).t0());
            assertEquals(g.characters().get(i).t1(), h.characters().get(i).t1());
        }
        assertEquals("ab a", g.text().trim());

        // forced alignment of the transcription: the same state for every frame
        int[] labels = alphabet.encode("ab a");
        LineHmm line = LineHmm.of(hmms, labels);
        Alignment byGmm = ViterbiAligner.align("toy", line, gmm.lineLogLikelihoods(x, frames, line), frames);
        Alignment byNet = HybridAligner.align("toy", hmms, labels, fromNet.scores(), frames);
        assertNotNull(byGmm);
        assertNotNull(byNet);
        assertArrayEquals(byGmm.globalStates(), byNet.globalStates());
        assertArrayEquals(path, byNet.globalStates());
    }
}
