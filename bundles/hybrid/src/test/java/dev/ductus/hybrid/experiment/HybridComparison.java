package dev.ductus.hybrid.experiment;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.eval.ErrorRates;
import dev.ductus.gmmhmm.train.TrainingData;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hybrid.align.AlignmentCache;
import dev.ductus.hybrid.align.AlignmentKey;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.HybridModelFile;
import dev.ductus.hybrid.model.ScaledLikelihoods;
import dev.ductus.hybrid.model.StatePriors;
import dev.ductus.hybrid.train.AlignedData;
import dev.ductus.hybrid.train.FrameEvaluation;
import dev.ductus.hybrid.train.FrameLine;
import dev.ductus.hybrid.train.HybridTrainingJob;
import dev.ductus.hybrid.train.LineDecoding;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.defaults.DefaultModels;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.testsupport.EmbeddedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison, outside OSGi: on an embedded dataset, train (or reuse) MLP-HMM and RNN-HMM on the
 * frame targets of a trained GMM-HMM, then score the evaluation split with all three and decode it with the
 * same token-passing decoder, without LM and with the word LM (lexicon + 3-gram), weights tuned per system on
 * validation lines. Prints FER (against the GMM-HMM's forced alignment of the evaluation lines), CER, WER and
 * training time. Arguments key=value: {@code data=cursive chain=default gmm=FILE out=DIR systems=mlp-hmm,rnn-hmm
 * train=true eval=test eval.lines=0 tune=60 lms=none,char,word lm.dir=~/.cache/ductus/models}; {@code mlp.KEY=V} and
 * {@code rnn.KEY=V} pass training options to one system; a missing GMM-HMM file is trained first with the gmm-hmm
 * bundle's trainer and {@code gmm.KEY=V} options.
 */
public final class HybridComparison {
    private HybridComparison() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        String data = args.getOrDefault("data", "cursive");
        String chain = args.getOrDefault("chain", "default");
        Path gmmPath = Path.of(args.get("gmm"));
        Path out = Path.of(args.getOrDefault("out", Path.of(System.getProperty("java.io.tmpdir"), "hybrid-exp").toString()));
        List<String> systems = List.of(args.getOrDefault("systems", "mlp-hmm,rnn-hmm").split(","));
        boolean retrain = Boolean.parseBoolean(args.getOrDefault("train", "true"));
        String evalSplit = args.getOrDefault("eval", "test");
        int evalLines = Integer.parseInt(args.getOrDefault("eval.lines", "0"));
        int tune = Integer.parseInt(args.getOrDefault("tune", "60"));
        List<String> lms = List.of(args.getOrDefault("lms", "none,word").split(","));
        Files.createDirectories(out);

        DatasetProvider provider = EmbeddedData.provider(DatasetSize.SMALL);
        Preprocessor pre = EmbeddedData.preprocessor(chain);
        Dataset train = provider.open(data, "train");
        Dataset validation = provider.open(data, "validation");
        if (!Files.exists(gmmPath)) {
            // the GMM-HMM is trained first, with the gmm-hmm bundle's trainer and gmm.KEY options
            Map<String, String> options = new HashMap<>();
            args.forEach((k, v) -> {
                if (k.startsWith("gmm.")) options.put(k.substring(4), v);
            });
            options.putIfAbsent("validation.lines", "100");
            long t0 = System.nanoTime();
            TrainingResult r = new dev.ductus.gmmhmm.train.TrainingJob(pre).run(new TrainingRequest(train, validation, gmmPath, false,
                    options), printer("gmm-hmm"));
            System.out.printf(Locale.ROOT, "gmm-hmm trained in %.0f s: %s%n", (System.nanoTime() - t0) / 1e9, r.metrics());
        }
        GmmHmmModel gmm = GmmHmmModelFile.read(gmmPath);
        System.out.printf(Locale.ROOT, "%s: GMM-HMM %s: %s%n", data, gmmPath, gmm.facts());

        Map<String, HybridModel> models = new LinkedHashMap<>();
        for (String system : systems) {
            if (system.equals("gmm-hmm")) continue;
            Path file = out.resolve(data + "-" + system + ".model");
            if (retrain || !Files.exists(file)) {
                Map<String, String> options = new HashMap<>();
                String prefix = system.substring(0, 3) + ".";
                args.forEach((k, v) -> {
                    if (k.startsWith(prefix)) options.put(k.substring(prefix.length()), v);
                });
                options.put("gmm.model", gmmPath.toString());
                options.put("preprocessing", chain);
                long t0 = System.nanoTime();
                TrainingResult r = new HybridTrainingJob(system, pre, Map.of()).run(
                        new TrainingRequest(train, validation, file, Boolean.parseBoolean(args.getOrDefault("resume", "false")), options),
                        printer(system));
                System.out.printf(Locale.ROOT, "%s trained in %.0f s: %s%n", system, (System.nanoTime() - t0) / 1e9, r.metrics());
            }
            HybridModel m = HybridModelFile.read(file);
            System.out.printf(Locale.ROOT, "%s: %s, %d parameters, %s%n", system, m.network().spec(), m.network().parameterCount(), m.facts());
            models.put(system, m);
        }
        if (args.containsKey("train.only")) return;

        AlignedData.Aligner aligner = new AlignedData.Aligner(gmm, AlignmentKey.modelDigest(gmmPath), chain,
                new AlignmentCache(AlignmentCache.defaultFallback()), 2);
        Dataset eval = provider.open(data, evalSplit);
        AlignedData.Split evalData = AlignedData.load(eval, evalLines, pre, gmm.extractor(), aligner, true, System.out::println);
        AlignedData.Split tuneData = AlignedData.load(validation, tune, pre, gmm.extractor(), aligner, true, System.out::println);
        Map<String, LanguageModel> languageModels = languageModels(data, train, lms, args);
        // the GMM-HMM as a frame classifier needs p(state): the priors of the training targets (any hybrid's)
        StatePriors trainPriors = models.isEmpty() ? null : models.values().iterator().next().priors();

        List<String> rows = new ArrayList<>();
        for (String system : systems) {
            List<String> refs = references(evalData);
            List<FrameScores> evalScores;
            List<FrameScores> tuneScores;
            double fer;
            double scaleUnit;
            String params;
            String seconds;
            long t0 = System.nanoTime();
            if (system.equals("gmm-hmm")) {
                evalScores = gmmScores(gmm, evalData);
                tuneScores = gmmScores(gmm, tuneData);
                fer = gmmFer(evalScores, evalData, trainPriors);
                scaleUnit = 10;
                params = Long.toString(gmm.gmmHmm().parameters());
                seconds = gmm.facts().getOrDefault("training.seconds", "?");
            } else {
                HybridModel m = models.get(system);
                List<FrameLine> evalLinesList = evalData.frameLines(m.normalizer());
                List<FrameLine> tuneLines = tuneData.frameLines(m.normalizer());
                fer = FrameEvaluation.measure(m.network(), evalLinesList, 16).frameErrorRate();
                double exponent = tuneExponent(m, tuneLines, args);
                ScaledLikelihoods scaling = new ScaledLikelihoods(m.priors(), exponent, 1.0);
                evalScores = LineDecoding.score(m, scaling, evalLinesList, 16);
                tuneScores = LineDecoding.score(m, scaling, tuneLines, 16);
                scaleUnit = 1;
                params = Long.toString(m.network().parameterCount());
                seconds = m.facts().getOrDefault("training.seconds", "?");
            }
            double scoreSeconds = (System.nanoTime() - t0) / 1e9;
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-8s %9s %8s %7.2f", system, params, seconds, 100 * fer));
            for (Map.Entry<String, LanguageModel> e : languageModels.entrySet()) {
                double[] w = tuneWeights(system, e.getKey(), e.getValue(), tuneScores, references(tuneData), scaleUnit);
                DecoderSettings settings = new DecoderSettings(w[0], w[1], 250, 3000, DecoderSettings.Mode.AUTO);
                long d0 = System.nanoTime();
                List<String> hyps = LineDecoding.decode(evalScores, e.getValue(), settings, 2);
                double lps = hyps.size() / ((System.nanoTime() - d0) / 1e9);
                ErrorRates r = rates(refs, hyps);
                System.out.printf(Locale.ROOT, "%s %s/%s %s: CER %.2f %%, WER %.2f %% (weight %.2f, penalty %.2f, %.1f lines/s)%n",
                        system, data, evalSplit, e.getKey(), 100 * r.cer(), 100 * r.wer(), w[0], w[1], lps);
                row.append(String.format(Locale.ROOT, " %7.2f %7.2f", 100 * r.cer(), 100 * r.wer()));
            }
            row.append(String.format(Locale.ROOT, "   (scoring %.1f s)", scoreSeconds));
            rows.add(row.toString());
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%n%s/%s, %d lines%n%-8s %9s %8s %7s", data, evalSplit,
                references(evalData).size(), "system", "params", "train s", "FER %"));
        for (String lm : languageModels.keySet()) head.append(String.format(Locale.ROOT, " %7s %7s", "CER " + lm, "WER " + lm));
        System.out.println(head);
        rows.forEach(System.out::println);
    }

    private static TrainingListener printer(String system) {
        return new TrainingListener() {
            @Override
            public void progress(TrainingProgress e) {
                if (e.phase().equals("validate") || e.phase().equals("baum-welch") || e.step() % 100 == 0) {
                    StringBuilder m = new StringBuilder();
                    e.metrics().forEach((k, v) -> m.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.4f", v)));
                    System.out.printf(Locale.ROOT, "  %s %-9s %6d/%d%s  %.0f s, eta %.0f s%n", system, e.phase(), e.step(),
                            e.totalSteps(), m, e.elapsedSeconds(), e.etaSeconds());
                }
            }

            @Override
            public void message(String text) {
                if (!text.startsWith("skipped")) System.out.println("  " + text);
            }
        };
    }

    private static List<String> references(AlignedData.Split split) {
        List<String> out = new ArrayList<>();
        for (TrainingData.Prepared p : split.prepared()) if (p.line() != null) out.add(TrainingData.normalise(p.sample().text()));
        return out;
    }

    private static List<FrameScores> gmmScores(GmmHmmModel gmm, AlignedData.Split split) {
        List<FrameScores> out = new ArrayList<>();
        List<TrainingData.Prepared> usable = split.prepared().stream().filter(p -> p.line() != null).toList();
        FrameScores[] arr = new FrameScores[usable.size()];
        java.util.stream.IntStream.range(0, arr.length).parallel().forEach(i ->
                arr[i] = gmm.score(usable.get(i).line().features(), usable.get(i).image().width()));
        out.addAll(List.of(arr));
        return out;
    }

    /** Frames whose arg-max of log p(x | s) + log p(s) is not the aligned state. */
    private static double gmmFer(List<FrameScores> scores, AlignedData.Split split, StatePriors priors) {
        double[] logPrior = priors == null ? null : priors.logValues();
        long errors = 0;
        long frames = 0;
        int i = 0;
        for (TrainingData.Prepared p : split.prepared()) {
            if (p.line() == null) continue;
            FrameScores s = scores.get(i++);
            int[] t = split.targets().get(p.line().id());
            if (t == null || t.length != s.frames()) continue;
            float[] v = s.scores().clone();
            if (logPrior != null) {
                for (int f = 0; f < s.frames(); f++) for (int k = 0; k < s.classes(); k++) v[f * s.classes() + k] += (float) logPrior[k];
            }
            errors += FrameEvaluation.argmaxErrors(v, s.classes(), t);
            frames += t.length;
        }
        return (double) errors / Math.max(1, frames);
    }

    private static double tuneExponent(HybridModel m, List<FrameLine> lines, Map<String, String> args) {
        if (args.containsKey("prior.exponent")) return Double.parseDouble(args.get("prior.exponent"));
        double best = m.priorExponent();
        double bestCer = Double.POSITIVE_INFINITY;
        for (double a : new double[] {0.3, 0.6, 0.8, 1.0}) {
            ErrorRates r = LineDecoding.withoutLm(m, new ScaledLikelihoods(m.priors(), a, 1.0), lines, 2);
            System.out.printf(Locale.ROOT, "  tune %s prior exponent %.1f: CER %.2f %%, WER %.2f %%%n", m.system(), a, 100 * r.cer(), 100 * r.wer());
            if (r.cer() < bestCer) {
                bestCer = r.cer();
                best = a;
            }
        }
        return best;
    }

    private static double[] tuneWeights(String system, String name, LanguageModel lm, List<FrameScores> scores, List<String> refs,
                                        double unit) {
        double[] ws = lm == null ? new double[] {0} : new double[] {1, 2, 3};
        double[] ps = lm == null ? new double[] {-12, -8, -4, 0} : new double[] {-8, -4, 0};
        double[] best = {0, 0};
        double bestErr = Double.POSITIVE_INFINITY;
        for (double w : ws) {
            for (double p : ps) {
                DecoderSettings s = new DecoderSettings(w * unit, p * unit, 250, 3000, DecoderSettings.Mode.AUTO);
                long t0 = System.nanoTime();
                ErrorRates r = rates(refs, LineDecoding.decode(scores, lm, s, 2));
                System.out.printf(Locale.ROOT, "  tune %s %s w=%.1f p=%.1f: CER %.2f %%, WER %.2f %% (%.1f s)%n", system, name, w * unit,
                        p * unit, 100 * r.cer(), 100 * r.wer(), (System.nanoTime() - t0) / 1e9);
                if (r.cer() + r.wer() < bestErr) {
                    bestErr = r.cer() + r.wer();
                    best = new double[] {w * unit, p * unit};
                }
            }
        }
        System.out.printf(Locale.ROOT, "  tuned %s %s on %d validation lines: weight %.2f, penalty %.2f%n", system, name, refs.size(),
                best[0], best[1]);
        return best;
    }

    private static ErrorRates rates(List<String> refs, List<String> hyps) {
        ErrorRates r = new ErrorRates();
        for (int i = 0; i < refs.size(); i++) r.add(refs.get(i), hyps.get(i));
        return r;
    }

    private static Map<String, LanguageModel> languageModels(String data, Dataset train, List<String> which, Map<String, String> args)
            throws Exception {
        Map<String, LanguageModel> out = new LinkedHashMap<>();
        for (String name : which) {
            switch (name) {
                case "none" -> out.put("none", null);
                case "word" -> out.put("word", new NgramLanguageModel(wordModel(data, train, args), TokenUnit.WORD));
                case "char" -> out.put("char", new NgramLanguageModel(charModel(data, train, args), TokenUnit.CHARACTER));
                default -> throw new IllegalArgumentException("lms: none, char or word, got " + name);
            }
        }
        return out;
    }

    /** The char 6-gram, built like the word model (digits: training texts; cursive: lm.dir/char-6gram.bin). */
    private static NgramModel charModel(String data, Dataset train, Map<String, String> args) throws Exception {
        if (data.startsWith("digits")) {
            List<String> text = new ArrayList<>();
            for (Sample s : train.samples()) text.add(TrainingData.normalise(s.text()));
            return DefaultModels.charModel(text, m -> { });
        }
        Path dir = Path.of(args.getOrDefault("lm.dir", Path.of(System.getProperty("user.home"), ".cache", "ductus", "models").toString()));
        return ModelFiles.load(dir.resolve("char-6gram.bin"));
    }

    /** The word 3-gram: the default model of the text corpora for cursive, one of the training texts for digits. */
    private static NgramModel wordModel(String data, Dataset train, Map<String, String> args) throws Exception {
        if (data.startsWith("digits")) {
            List<String> text = new ArrayList<>();
            for (Sample s : train.samples()) text.add(TrainingData.normalise(s.text()));
            return DefaultModels.wordModel(text, null, m -> { });
        }
        Path dir = Path.of(args.getOrDefault("lm.dir", Path.of(System.getProperty("user.home"), ".cache", "ductus", "models").toString()));
        return ModelFiles.load(dir.resolve("word-3gram.bin"));
    }
}
