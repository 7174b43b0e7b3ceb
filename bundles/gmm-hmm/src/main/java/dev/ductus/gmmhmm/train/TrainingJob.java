package dev.ductus.gmmhmm.train;

import dev.ductus.eval.ErrorRates;
import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;
import dev.ductus.hmm.topology.LineHmm;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.AlignmentFile;
import dev.ductus.hmm.train.TrainingLine;
import dev.ductus.hmm.train.ViterbiAligner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One training request end to end: prepare the lines (preprocess, features), train, check on validation lines
 * (decoded without LM: CER and WER), write the model atomically, optionally export the forced alignment.
 * After every mixture stage a checkpoint goes next to the model ({@code MODEL.checkpoint}); a request with
 * {@code resume} continues from it.
 */
public final class TrainingJob {
    private final Preprocessor preprocessor;

    /** @param preprocessor applied to every sample image first; null only for already normalised data */
    public TrainingJob(Preprocessor preprocessor) {
        this.preprocessor = preprocessor;
    }

    public static Path checkpointOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".checkpoint");
    }

    public TrainingResult run(TrainingRequest request, TrainingListener listener) throws IOException {
        long start = System.nanoTime();
        GmmHmmTrainingOptions options = GmmHmmTrainingOptions.parse(request.options());
        if (options.preprocess() && preprocessor == null) {
            throw new InputException("gmm-hmm trainer", "no preprocessor available (set preprocess=false for data that"
                    + " is already height-normalised)");
        }
        Preprocessor pre = options.preprocess() ? preprocessor : null;
        Dataset train = request.train();
        List<Sample> samples = train.samples();
        if (options.maxLines() > 0 && samples.size() > options.maxLines()) samples = samples.subList(0, options.maxLines());
        if (samples.isEmpty()) throw new InputException(train.name() + "/" + train.split(), "no training samples");
        Alphabet alphabet = TrainingData.alphabetOf(samples);
        WindowFeatureExtractor extractor = WindowFeatureExtractor.of(options.features());
        listener.message("gmm-hmm: extracting " + extractor.spec() + " features of " + samples.size() + " lines");
        List<TrainingLine> lines = TrainingData.lines(TrainingData.prepare(samples, pre, extractor, alphabet,
                options.threads(), false, w -> listener.message("skipped " + w)));
        if (lines.isEmpty()) throw new InputException(train.name() + "/" + train.split(), "no usable training lines");
        double prepSeconds = (System.nanoTime() - start) / 1e9;

        Path output = request.output();
        Path checkpoint = checkpointOf(output);
        GmmHmmModel resume = null;
        if (request.resume() && Files.exists(checkpoint)) resume = GmmHmmModelFile.read(checkpoint);
        GmmHmmTrainer trainer = new GmmHmmTrainer(options);
        GmmHmmModel model = trainer.train(lines, alphabet, listener, m -> {
            try {
                GmmHmmModelFile.write(checkpoint, m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, resume);

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("train.data", train.name() + "/" + train.split());
        metrics.put("train.lines", (double) lines.size());
        metrics.put("loglik.per.frame", Double.parseDouble(model.facts().get("loglik.per.frame")));
        metrics.put("feature.seconds", prepSeconds);
        Dataset validation = request.validation();
        if (validation != null && options.validationLines() > 0 && validation.size() > 0) {
            List<Sample> vs = validation.samples();
            if (vs.size() > options.validationLines()) vs = vs.subList(0, options.validationLines());
            ErrorRates rates = validate(model, vs, pre, options.threads(), listener);
            metrics.put("validation.cer", rates.cer());
            metrics.put("validation.wer", rates.wer());
            facts.put("validation.data", validation.name() + "/" + validation.split());
            facts.put("validation.cer", String.format(Locale.ROOT, "%.4f", rates.cer()));
            facts.put("validation.wer", String.format(Locale.ROOT, "%.4f", rates.wer()));
            listener.message(String.format(Locale.ROOT, "gmm-hmm: validation CER %.2f %%, WER %.2f %% on %d lines (no LM)",
                    100 * rates.cer(), 100 * rates.wer(), rates.lines()));
        }
        model = model.withFacts(facts);
        GmmHmmModelFile.write(output, model);
        Files.deleteIfExists(checkpoint);
        if (!options.alignments().isBlank()) {
            Path file = Path.of(options.alignments());
            AlignmentFile.write(file, model.gmmHmm().hmms(), align(model, lines));
            listener.message("gmm-hmm: forced alignment of the training lines written to " + file);
        }
        metrics.put("training.seconds", (System.nanoTime() - start) / 1e9);
        return new TrainingResult(output, metrics);
    }

    /** The Viterbi state sequence of every line that fits its transcription. */
    public static List<Alignment> align(GmmHmmModel model, List<TrainingLine> lines) {
        List<Alignment> out = new ArrayList<>();
        for (TrainingLine line : lines) {
            LineHmm hmm = LineHmm.of(model.gmmHmm().hmms(), line.labels());
            if (line.frames() < hmm.minimumFrames()) continue;
            double[] em = model.gmmHmm().lineLogLikelihoods(line.features().data(), line.frames(), hmm);
            Alignment a = ViterbiAligner.align(line.id(), hmm, em, line.frames());
            if (a != null) out.add(a);
        }
        return out;
    }

    /** Decodes the samples without LM and measures CER and WER. */
    public static ErrorRates validate(GmmHmmModel model, List<Sample> samples, Preprocessor pre, int threads,
                                     TrainingListener listener) {
        List<TrainingData.Prepared> prepared = TrainingData.prepare(samples, pre, model.extractor(), model.alphabet(),
                threads, true, w -> listener.message("validation: skipped " + w));
        TokenPassingDecoder decoder = new TokenPassingDecoder(DecoderSettings.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<ErrorRates>> parts = new ArrayList<>();
            for (int i = 0; i < Math.max(1, threads); i++) {
                int first = i;
                int step = Math.max(1, threads);
                parts.add(pool.submit(() -> {
                    ErrorRates r = new ErrorRates();
                    for (int k = first; k < prepared.size(); k += step) {
                        TrainingData.Prepared p = prepared.get(k);
                        if (p.line() == null) continue;
                        Hypothesis h = decoder.decode(model.score(p.line().features(), p.image().width()), null);
                        r.add(TrainingData.normalise(p.sample().text()), h.text());
                    }
                    return r;
                }));
            }
            ErrorRates total = new ErrorRates();
            for (Future<ErrorRates> f : parts) total.merge(f.get());
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
