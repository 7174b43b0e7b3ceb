package dev.ductus.hmm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.LineHmm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedBaumWelchTest {
    private final GmmHmm truth = SyntheticLines.trueModel();
    private final List<SyntheticLines.Sampled> sampled = SyntheticLines.sample(truth, 60, 3);
    private final List<TrainingLine> lines = SyntheticLines.lines(sampled);

    private GmmHmm flatStart() {
        CharacterHmms hmms = CharacterHmms.create(truth.hmms().alphabet(), truth.hmms().stateCounts(), 0.6, 0.1);
        return FlatStart.model(hmms, FlatStart.globalStatistics(lines));
    }

    private EmbeddedBaumWelch.Settings settings() {
        return new EmbeddedBaumWelch.Settings(FlatStart.globalStatistics(lines).floor(1e-4), 1e-6, 1e-6);
    }

    @Test
    void baumWelchNeverDecreasesTheLikelihood() {
        GmmHmm model = flatStart();
        List<Double> history = new ArrayList<>();
        try (EmbeddedBaumWelch bw = new EmbeddedBaumWelch(2)) {
            for (int stage = 0; stage < 2; stage++) {
                double previous = Double.NEGATIVE_INFINITY;
                for (int it = 0; it < 6; it++) {
                    BaumWelchStatistics stats = bw.accumulate(model, lines);
                    assertEquals(0, stats.failedLines());
                    double ll = stats.logLikelihood();
                    history.add(ll);
                    assertTrue(ll >= previous - 1e-7 * Math.abs(previous),
                            "stage " + stage + " iteration " + it + ": " + ll + " < " + previous + " " + history);
                    previous = ll;
                    model = EmbeddedBaumWelch.reestimate(model, stats, settings());
                }
                DiagonalGmm[] split = model.gmms();
                for (int g = 0; g < split.length; g++) split[g] = split[g].split(0.2);
                model = model.withGmms(split);
            }
        }
        assertTrue(history.get(history.size() - 1) > history.get(0) + 100, history.toString());
    }

    @Test
    void trainingFromFlatStartRecoversTheAlignment() {
        GmmHmm model = flatStart();
        try (EmbeddedBaumWelch bw = new EmbeddedBaumWelch(2)) {
            for (int it = 0; it < 12; it++) model = EmbeddedBaumWelch.reestimate(model, bw.accumulate(model, lines), settings());
        }
        long agree = 0;
        long total = 0;
        for (SyntheticLines.Sampled s : sampled) {
            LineHmm line = LineHmm.of(model.hmms(), s.line().labels());
            double[] em = model.lineLogLikelihoods(s.line().features().data(), s.line().frames(), line);
            Alignment a = ViterbiAligner.align(s.line().id(), line, em, s.line().frames());
            for (int t = 0; t < a.frames(); t++) if (a.globalStates()[t] == s.states()[t]) agree++;
            total += a.frames();
        }
        assertTrue(agree > 0.95 * total, "frames aligned to the true state: " + agree + " of " + total);
    }

    @Test
    void mergedStatisticsEqualSingleThreadAccumulation() {
        GmmHmm model = flatStart();
        try (EmbeddedBaumWelch bw = new EmbeddedBaumWelch(2)) {
            for (int it = 0; it < 3; it++) model = EmbeddedBaumWelch.reestimate(model, bw.accumulate(model, lines), settings());
        }
        DiagonalGmm[] split = model.gmms();
        for (int g = 0; g < split.length; g++) split[g] = split[g].split(0.2);
        model = model.withGmms(split);

        BaumWelchStatistics single = EmbeddedBaumWelch.accumulateShare(model, lines, 0, 1, EmbeddedBaumWelch.DEFAULT_BEAM);
        BaumWelchStatistics threaded;
        try (EmbeddedBaumWelch bw = new EmbeddedBaumWelch(2)) {
            threaded = bw.accumulate(model, lines);
        }
        // three shares merged in another order
        BaumWelchStatistics parts = EmbeddedBaumWelch.accumulateShare(model, lines, 2, 3, EmbeddedBaumWelch.DEFAULT_BEAM)
                .merge(EmbeddedBaumWelch.accumulateShare(model, lines, 0, 3, EmbeddedBaumWelch.DEFAULT_BEAM))
                .merge(EmbeddedBaumWelch.accumulateShare(model, lines, 1, 3, EmbeddedBaumWelch.DEFAULT_BEAM));
        for (BaumWelchStatistics other : List.of(threaded, parts)) {
            assertEquals(single.lines(), other.lines());
            assertEquals(single.frames(), other.frames());
            assertEquals(single.logLikelihood(), other.logLikelihood(), 1e-9 * Math.abs(single.logLikelihood()));
            for (int g = 0; g < model.states(); g++) {
                for (int kind = 0; kind < 3; kind++) {
                    assertEquals(single.transitionCount(g, kind), other.transitionCount(g, kind), 1e-8);
                }
                for (int k = 0; k < model.gmm(g).components(); k++) {
                    assertEquals(single.occupancy(g, k), other.occupancy(g, k), 1e-8);
                    for (int d = 0; d < model.dimension(); d++) {
                        assertEquals(single.sum(g, k, d), other.sum(g, k, d), 1e-7);
                        assertEquals(single.sumOfSquares(g, k, d), other.sumOfSquares(g, k, d), 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void occupancyAddsUpToFrames() {
        GmmHmm model = flatStart();
        BaumWelchStatistics stats = EmbeddedBaumWelch.accumulateShare(model, lines, 0, 1, EmbeddedBaumWelch.DEFAULT_BEAM);
        double occ = 0;
        for (int g = 0; g < model.states(); g++) occ += stats.stateOccupancy(g);
        assertEquals(stats.frames(), occ, 1e-3 * stats.frames());
    }
}
