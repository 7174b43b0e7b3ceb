package dev.ductus.hybrid.align;

import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.TrainingLine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The frame targets of a split: the HMM state of every frame, from the GMM-HMM's forced alignment, read from
 * the {@link AlignmentCache} when this model aligned these lines before, computed and stored otherwise.
 */
public final class FrameTargets {
    private FrameTargets() {
    }

    /** Which data and model: the GMM-HMM and its digest, the preprocessing, the split and one image of it. */
    public record Source(GmmHmmModel gmm, String gmmDigest, String preprocessing, String split, String imageSource,
                         int threads) {
    }

    /** The targets by line id, where they are kept, whether they came from there, how many lines had none. */
    public record Targets(Map<String, int[]> byId, Path file, boolean cached, int unaligned) {
    }

    /**
     * @param lines    the id and transcription of every line (the cache key)
     * @param gmmLines the lines with the GMM-HMM's features, asked for only when the alignment must be computed
     */
    public static Targets of(AlignmentCache cache, Source source, List<AlignmentKey.Line> lines,
                             Supplier<List<TrainingLine>> gmmLines, Consumer<String> log) throws IOException {
        String key = AlignmentKey.of(source.gmmDigest(), source.preprocessing(), lines);
        Path file = cache.location(source.imageSource(), source.split(), key);
        Map<String, int[]> cached = cache.read(file, source.gmm().gmmHmm().hmms());
        if (cached != null) {
            log.accept("frame targets of " + source.split() + " read from " + file);
            return new Targets(cached, file, true, Math.max(0, lines.size() - cached.size()));
        }
        long t0 = System.nanoTime();
        List<TrainingLine> toAlign = gmmLines.get();
        List<Alignment> alignments = GmmAligner.align(source.gmm(), toAlign, source.threads());
        Path written = cache.write(file, source.gmm().gmmHmm().hmms(), alignments);
        Map<String, int[]> byId = new HashMap<>();
        for (Alignment a : alignments) byId.put(a.id(), a.globalStates());
        log.accept(String.format(java.util.Locale.ROOT, "forced alignment of %d %s lines with the GMM-HMM in %.0f s (%d without a path), stored in %s",
                toAlign.size(), source.split(), (System.nanoTime() - t0) / 1e9, toAlign.size() - alignments.size(), written));
        return new Targets(byId, written, false, toAlign.size() - alignments.size());
    }
}
