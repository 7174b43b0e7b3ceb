package dev.ductus.gmmhmm.experiment;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.data.Sample;
import dev.ductus.api.decode.Hypothesis;
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
import dev.ductus.gmmhmm.train.TrainingJob;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.defaults.CorpusTrainingText;
import dev.ductus.lm.defaults.DefaultModels;
import dev.ductus.lm.hybrid.HybridModel;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.ModelFiles;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * End-to-end run of the historical system on an embedded dataset, outside OSGi: train a GMM-HMM (or reuse the
 * model file), then decode the evaluation split without LM, with the character LM, with the lexicon and word
 * LM, and with the hybrid LM, printing CER, WER and lines/s. Arguments are key=value:
 * {@code data=cursive out=/tmp/ductus-exp eval=test train=true weights=char:6:-2,word:8:-4} plus any training
 * option (features, states, mixtures, ...). {@code tune=N} first searches LM weight and insertion penalty on N
 * validation lines.
 */
public final class HistoricalExperiment {
    private HistoricalExperiment() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        String data = orDefault(args.remove("data"), "cursive");
        Path out = Path.of(args.getOrDefault("out", "/tmp/ductus-exp"));
        args.remove("out");
        String evalSplit = orDefault(args.remove("eval"), "test");
        boolean retrain = Boolean.parseBoolean(orDefault(args.remove("train"), "true"));
        int evalLines = Integer.parseInt(orDefault(args.remove("eval.lines"), "0"));
        int tune = Integer.parseInt(orDefault(args.remove("tune"), "0"));
        String lms = orDefault(args.remove("lms"), "none,char,word,hybrid");
        double beam = Double.parseDouble(orDefault(args.remove("beam"), "250"));
        int maxTokens = Integer.parseInt(orDefault(args.remove("max.tokens"), "3000"));
        Map<String, double[]> weights = parseWeights(orDefault(args.remove("weights"),
                "none:0:0,char:4:0,word:8:-4,hybrid:8:-4"));
        Files.createDirectories(out);
        Path modelFile = out.resolve(data + ".gmmhmm");

        DatasetProvider provider = EmbeddedData.provider(DatasetSize.SMALL);
        Dataset train = provider.open(data, "train");
        Dataset validation = provider.open(data, "validation");
        Preprocessor pre = EmbeddedData.preprocessor(orDefault(args.remove("chain"), "default"));
        long t0 = System.nanoTime();
        if (retrain || !Files.exists(modelFile)) {
            TrainingListener listener = new TrainingListener() {
                @Override
                public void progress(TrainingProgress e) {
                    System.out.printf(Locale.ROOT, "  %s %d/%d loglik/frame %.3f mixtures %.0f failed %.0f  %.0f s, eta %.0f s%n",
                            e.phase(), e.step(), e.totalSteps(), e.metrics().get("loglik.per.frame"),
                            e.metrics().get("mixtures"), e.metrics().get("failed.lines"), e.elapsedSeconds(), e.etaSeconds());
                }

                @Override
                public void message(String text) {
                    if (!text.startsWith("skipped")) System.out.println("  " + text);
                }
            };
            Map<String, String> options = new HashMap<>(args);
            options.putIfAbsent("validation.lines", "100");
            TrainingResult result = new TrainingJob(pre).run(new TrainingRequest(train, validation, modelFile, false, options),
                    listener);
            System.out.printf(Locale.ROOT, "trained %s in %.0f s: %s%n", modelFile, (System.nanoTime() - t0) / 1e9, result.metrics());
        }
        GmmHmmModel model = GmmHmmModelFile.read(modelFile);
        System.out.println("model: " + model.info().inputSpec() + " " + model.facts());

        Map<String, LanguageModel> models = languageModels(data, train, lms, out);
        if (tune > 0) {
            List<Scored> tuning = score(model, validation.samples().subList(0, Math.min(tune, validation.size())), pre);
            for (String lm : models.keySet()) {
                double[] best = tuneWeights(tuning, models.get(lm), lm, beam, maxTokens);
                weights.put(lm, best);
            }
        }
        Dataset eval = provider.open(data, evalSplit);
        List<Sample> samples = eval.samples();
        if (evalLines > 0 && samples.size() > evalLines) samples = samples.subList(0, evalLines);
        List<Scored> scored = score(model, samples, pre);
        LanguageModel words = models.get("word");
        if (words != null) {
            long oov = 0;
            long total = 0;
            for (Scored sc : scored) {
                for (String w : sc.reference().split(" ")) {
                    total++;
                    if (!words.contains(w)) oov++;
                }
            }
            System.out.printf(Locale.ROOT, "out-of-vocabulary words of the word LM: %d of %d (%.1f %%)%n", oov, total,
                    100.0 * oov / total);
        }
        System.out.printf(Locale.ROOT, "%n%s/%s, %d lines%n%-8s %8s %8s %8s %10s %10s%n", data, evalSplit, scored.size(), "LM",
                "weight", "penalty", "CER %", "WER %", "lines/s");
        for (Map.Entry<String, LanguageModel> e : models.entrySet()) {
            double[] w = weights.getOrDefault(e.getKey(), new double[] {0, 0});
            DecoderSettings settings = new DecoderSettings(w[0], w[1], beam, maxTokens, DecoderSettings.Mode.AUTO);
            Result r = decode(scored, e.getValue(), settings, true);
            System.out.printf(Locale.ROOT, "%-8s %8.1f %8.1f %8.2f %10.2f %10.2f%n", e.getKey(), w[0], w[1],
                    100 * r.rates.cer(), 100 * r.rates.wer(), r.linesPerSecond);
        }
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }

    private static Map<String, double[]> parseWeights(String s) {
        Map<String, double[]> out = new HashMap<>();
        for (String part : s.split(",")) {
            String[] f = part.split(":");
            out.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        return out;
    }

    /** One evaluation line: its reference and the model's frame scores (computed once for all LMs). */
    record Scored(String reference, FrameScores scores) {
    }

    record Result(ErrorRates rates, double linesPerSecond, List<String> hypotheses) {
    }

    static List<Scored> score(GmmHmmModel model, List<Sample> samples, Preprocessor pre) throws Exception {
        long t0 = System.nanoTime();
        List<TrainingData.Prepared> prepared = TrainingData.prepare(samples, pre, model.extractor(), model.alphabet(), 2,
                true, w -> System.out.println("  skipped " + w));
        double prep = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        List<Scored> out = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Scored>> fs = new ArrayList<>();
            for (TrainingData.Prepared p : prepared) {
                if (p.line() == null) continue;
                fs.add(pool.submit(() -> new Scored(TrainingData.normalise(p.sample().text()),
                        model.score(p.line().features(), p.image().width()))));
            }
            for (Future<Scored> f : fs) out.add(f.get());
        } finally {
            pool.shutdown();
        }
        double scoring = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "prepared %d lines: preprocessing + features %.1f s (%.1f lines/s), GMM scores %.1f s"
                + " (%.1f lines/s) on 2 threads%n", out.size(), prep, out.size() / prep, scoring, out.size() / scoring);
        return out;
    }

    static Result decode(List<Scored> lines, LanguageModel lm, DecoderSettings settings, boolean keep) throws Exception {
        TokenPassingDecoder decoder = new TokenPassingDecoder(settings);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        String[] hyps = new String[lines.size()];
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                int k = i;
                fs.add(pool.submit(() -> {
                    Hypothesis h = decoder.decode(lines.get(k).scores(), lm);
                    hyps[k] = h.text();
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ErrorRates rates = new ErrorRates();
        for (int i = 0; i < lines.size(); i++) rates.add(lines.get(i).reference(), hyps[i]);
        return new Result(rates, lines.size() / seconds, keep ? List.of(hyps) : List.of());
    }

    static double[] tuneWeights(List<Scored> lines, LanguageModel lm, String name, double beam, int maxTokens)
            throws Exception {
        double[] best = null;
        double bestErr = Double.POSITIVE_INFINITY;
        boolean word = !name.equals("char") && !name.equals("none");
        double[] ws = lm == null ? new double[] {0} : new double[] {20, 30, 45, 60};
        double[] ps = lm == null ? new double[] {-40, -80, -120, -200}
                : word ? new double[] {-80, -40} : new double[] {-40, 0};
        for (double w : ws) {
            for (double p : ps) {
                Result r = decode(lines, lm, new DecoderSettings(w, p, beam, maxTokens, DecoderSettings.Mode.AUTO), false);
                double err = r.rates.cer() + r.rates.wer();
                System.out.printf(Locale.ROOT, "  tune %s w=%.0f p=%.0f CER %.2f WER %.2f (%.1f lines/s)%n", name, w, p,
                        100 * r.rates.cer(), 100 * r.rates.wer(), r.linesPerSecond);
                if (err < bestErr) {
                    bestErr = err;
                    best = new double[] {w, p};
                }
            }
        }
        System.out.printf(Locale.ROOT, "  tuned %s: weight %.0f, penalty %.0f%n", name, best[0], best[1]);
        return best;
    }

    static Map<String, LanguageModel> languageModels(String data, Dataset train, String which, Path dir) throws Exception {
        Map<String, LanguageModel> out = new LinkedHashMap<>();
        List<String> wanted = List.of(which.split(","));
        if (wanted.contains("none")) out.put("none", null);
        if (wanted.size() == 1 && wanted.contains("none")) return out;
        long t0 = System.nanoTime();
        Path charFile = dir.resolve(data + "-char-6gram.lm");
        Path wordFile = dir.resolve(data + "-word-3gram.lm");
        NgramModel chars;
        NgramModel words;
        int lines = 0;
        if (Files.exists(charFile) && Files.exists(wordFile)) {
            chars = ModelFiles.load(charFile);
            words = ModelFiles.load(wordFile);
        } else {
            List<String> text;
            if (data.startsWith("digits")) {
                text = new ArrayList<>();
                for (Sample s : train.samples()) text.add(TrainingData.normalise(s.text()));
            } else {
                text = CorpusTrainingText.trainingLines(EmbeddedData.cache().root());
            }
            lines = text.size();
            chars = DefaultModels.charModel(text, m -> { });
            words = DefaultModels.wordModel(text, null, m -> { });
            ModelFiles.save(chars, charFile);
            ModelFiles.save(words, wordFile);
        }
        if (wanted.contains("char")) out.put("char", new NgramLanguageModel(chars, TokenUnit.CHARACTER));
        if (wanted.contains("word")) out.put("word", new NgramLanguageModel(words, TokenUnit.WORD));
        if (wanted.contains("hybrid")) out.put("hybrid", new HybridModel(words, chars));
        System.out.printf(Locale.ROOT, "LMs (%d training lines, 0 = loaded) in %.1f s: char %d-gram, word %d-gram over %d words%n", lines,
                (System.nanoTime() - t0) / 1e9, chars.order(), words.order(), words.vocabularySize());
        return out;
    }
}
