package dev.ductus.hybrid.align;

import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.LineHmm;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.ViterbiAligner;

/**
 * Re-alignment with the hybrid model itself (the second pass of hybrid training): the same Viterbi forced
 * alignment the GMM-HMM's targets came from, over the network's scaled likelihoods instead of the mixtures'
 * likelihoods. A better frame classifier moves state boundaries to where the image really changes.
 */
public final class HybridAligner {
    private HybridAligner() {
    }

    /**
     * @param scores frames x states scaled log-likelihoods of the line (row-major)
     * @return the best state path of the transcription's line model, or null when none fits the frames
     */
    public static Alignment align(String id, CharacterHmms hmms, int[] labels, float[] scores, int frames) {
        LineHmm line = LineHmm.of(hmms, labels);
        if (frames < line.minimumFrames()) return null;
        int s = hmms.totalStates();
        int n = line.size();
        double[] em = new double[frames * n];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < n; j++) em[t * n + j] = scores[t * s + line.globalState(j)];
        }
        return ViterbiAligner.align(id, line, em, frames);
    }
}
