package dev.ductus.hybrid.train;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.train.TrainingData;
import dev.ductus.hmm.train.TrainingLine;
import dev.ductus.hybrid.align.AlignmentCache;
import dev.ductus.hybrid.align.AlignmentKey;
import dev.ductus.hybrid.align.FrameTargets;
import dev.ductus.hybrid.model.FeatureNormalizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A split ready for frame training: every sample preprocessed, its network input features extracted and its
 * frame targets attached (from the alignment cache, or the GMM-HMM's forced alignment computed now). The
 * network may read other features than the GMM-HMM (e.g. raw pixel windows) as long as both use the same
 * window shift, so frame t means the same columns to both; the GMM-HMM's features are then extracted only
 * when the alignment has to be computed.
 */
public final class AlignedData {
    /** What the alignment needs to know besides the data. */
    public record Aligner(GmmHmmModel gmm, String gmmDigest, String preprocessing, AlignmentCache cache, int threads) {
    }

    /** Prepared lines with their targets (null where a line has none), before normalisation. */
    public record Split(String name, List<TrainingData.Prepared> prepared, Map<String, int[]> targets,
                        FrameTargets.Targets alignment, int shift) {
        /** The feature sequences of the usable lines (for fitting the normalisation). */
        public List<FeatureSequence> features() {
            List<FeatureSequence> out = new ArrayList<>();
            for (TrainingData.Prepared p : prepared) if (p.line() != null) out.add(p.line().features());
            return out;
        }

        /** Standardised lines for the network; the raw features can be dropped afterwards. */
        public List<FrameLine> frameLines(FeatureNormalizer normalizer) {
            List<FrameLine> out = new ArrayList<>();
            for (TrainingData.Prepared p : prepared) {
                TrainingLine l = p.line();
                if (l == null) continue;
                int[] t = targets.get(l.id());
                if (t != null && t.length != l.frames()) t = null; // aligned with other frames: unusable
                int width = p.image() != null ? p.image().width() : l.frames() * shift;
                out.add(new FrameLine(l.id(), TrainingData.normalise(p.sample().text()), l.labels(), normalizer.apply(l.features()),
                        l.frames(), t, l.features().frameX(), width));
            }
            return out;
        }
    }

    private AlignedData() {
    }

    /**
     * @param max        at most this many samples (0 = all)
     * @param keepImages whether to keep the preprocessed images' widths exact (validation and test lines)
     */
    public static Split load(Dataset data, int max, Preprocessor pre, WindowFeatureExtractor input, Aligner aligner,
                             boolean keepImages, Consumer<String> log) throws IOException {
        List<Sample> samples = data.samples();
        if (max > 0 && samples.size() > max) samples = samples.subList(0, max);
        GmmHmmModel gmm = aligner.gmm();
        int threads = aligner.threads();
        List<Sample> chosen = samples;
        List<TrainingData.Prepared> prepared = TrainingData.prepare(chosen, pre, input, gmm.alphabet(), threads, keepImages,
                w -> log.accept("skipped " + w));
        List<AlignmentKey.Line> keyLines = new ArrayList<>();
        for (TrainingData.Prepared p : prepared) {
            if (p.line() != null) keyLines.add(new AlignmentKey.Line(p.line().id(), TrainingData.normalise(p.sample().text())));
        }
        boolean sameFeatures = input.spec().equals(gmm.featureSpec());
        FrameTargets.Source source = new FrameTargets.Source(gmm, aligner.gmmDigest(), aligner.preprocessing(),
                data.name() + "-" + data.split(), chosen.isEmpty() ? null : chosen.get(0).source(), threads);
        FrameTargets.Targets targets = FrameTargets.of(aligner.cache(), source, keyLines, () -> sameFeatures
                ? TrainingData.lines(prepared)
                : TrainingData.lines(TrainingData.prepare(chosen, pre, gmm.extractor(), gmm.alphabet(), threads, false, w -> { })),
                log);
        return new Split(data.name() + "/" + data.split(), prepared, targets.byId(), targets, input.featureSpec().shift());
    }
}
