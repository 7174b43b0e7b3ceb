package dev.ductus.hybrid.train;

import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.eval.ErrorRates;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.ScaledLikelihoods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hybrid frame scores of prepared lines, batched by length, and their decoding by the hmm bundle's
 * token-passing decoder (the one the pipelines use) into character and word error rates.
 */
public final class LineDecoding {
    private LineDecoding() {
    }

    /** Scaled likelihoods of every line, in the order given. */
    public static List<FrameScores> score(HybridModel model, ScaledLikelihoods scaling, List<FrameLine> lines, int batch) {
        Integer[] order = new Integer[lines.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> lines.get(i).frames()));
        FrameScores[] out = new FrameScores[lines.size()];
        int states = model.hmms().totalStates();
        for (int start = 0; start < order.length; start += batch) {
            List<float[]> inputs = new ArrayList<>();
            int end = Math.min(order.length, start + batch);
            for (int j = start; j < end; j++) inputs.add(lines.get(order[j]).input());
            List<float[]> post = model.logPosteriors(inputs);
            for (int j = start; j < end; j++) {
                FrameLine l = lines.get(order[j]);
                float[] s = post.get(j - start);
                scaling.apply(s, l.frames());
                out[order[j]] = new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, l.frames(), states, s, model.alphabet(),
                        model.hmms(), l.frameX(), l.imageWidth());
            }
        }
        return List.of(out);
    }

    /** Decodes the scores on {@code threads} threads; line i's hypothesis text goes to slot i. */
    public static List<String> decode(List<FrameScores> scores, LanguageModel lm, DecoderSettings settings, int threads) {
        TokenPassingDecoder decoder = new TokenPassingDecoder(settings);
        String[] out = new String[scores.size()];
        int n = Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "ductus-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int first = i;
                parts.add(pool.submit(() -> {
                    for (int k = first; k < scores.size(); k += n) {
                        Hypothesis h = decoder.decode(scores.get(k), lm);
                        out[k] = h.text();
                    }
                }));
            }
            for (Future<?> f : parts) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.of(out);
    }

    /** CER and WER of the hypotheses against the lines' transcriptions. */
    public static ErrorRates errors(List<FrameLine> lines, List<String> hypotheses) {
        ErrorRates r = new ErrorRates();
        for (int i = 0; i < lines.size(); i++) r.add(lines.get(i).text(), hypotheses.get(i));
        return r;
    }

    /**
     * Decoder settings for scaled likelihoods without an LM: no insertion penalty (the best value on the cursive
     * and near the best on the digits validation lines; {@link DecoderSettings#defaults()} carry the GMM-HMM's
     * -40 per character, about ten times the scale of scaled likelihoods).
     */
    public static final DecoderSettings NO_LM = DecoderSettings.defaults().withLm(0, 0);

    /** Scores and decodes without a language model: the validation CER of a training run. */
    public static ErrorRates withoutLm(HybridModel model, ScaledLikelihoods scaling, List<FrameLine> lines, int threads) {
        if (lines.isEmpty()) return new ErrorRates();
        List<FrameScores> scores = score(model, scaling, lines, 16);
        return errors(lines, decode(scores, null, NO_LM, threads));
    }
}
