package dev.ductus.hybrid.align;

import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.train.TrainingJob;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.TrainingLine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Viterbi forced alignment of transcribed lines with a trained GMM-HMM (the gmm-hmm bundle's aligner), spread
 * over threads: thread i takes lines i, i + n, ..., so the result does not depend on scheduling. Lines that do
 * not fit their transcription (too few frames, no path) have no alignment.
 */
public final class GmmAligner {
    private GmmAligner() {
    }

    public static List<Alignment> align(GmmHmmModel model, List<TrainingLine> lines, int threads) {
        int n = Math.max(1, Math.min(threads, lines.size()));
        if (n == 1) return TrainingJob.align(model, lines);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "ductus-align");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Alignment>>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<TrainingLine> share = new ArrayList<>();
                for (int k = i; k < lines.size(); k += n) share.add(lines.get(k));
                parts.add(pool.submit(() -> TrainingJob.align(model, share)));
            }
            List<Alignment> out = new ArrayList<>();
            for (Future<List<Alignment>> f : parts) out.addAll(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while aligning", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
