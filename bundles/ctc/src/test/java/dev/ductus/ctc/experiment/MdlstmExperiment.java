package dev.ductus.ctc.experiment;

import dev.ductus.api.Notes;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.ctc.decode.BeamSettings;
import dev.ductus.ctc.decode.BestPathDecoder;
import dev.ductus.ctc.decode.PrefixBeamDecoder;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.ctc.input.LineEncoder;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.mdlstm.MdlstmArchitecture;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.ctc.train.CtcTrainer;
import dev.ductus.eval.ErrorRates;
import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.defaults.DefaultModels;
import dev.ductus.lm.hybrid.HybridModel;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.testsupport.EmbeddedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains MDLSTM-CTC on an embedded dataset outside OSGi (resuming from the checkpoint beside the model when
 * there is one) and evaluates it on the test split: greedy, beam without LM, and beam with the character,
 * word (open and lexicon) and hybrid LMs, LM weight and insertion bonus tuned on validation lines, as the
 * CTC experiment does for the other systems. key=value arguments: {@code data=cursive|digits out=DIR
 * chain=uniform:48|default height=48 train=true lms=none,char,word,lexicon,hybrid tune=150 beam=16} and any
 * training option (model, epochs, batch, lr, patience, augment, max.samples, ...).
 */
public final class MdlstmExperiment {
    private MdlstmExperiment() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String s : argv) {
            int eq = s.indexOf('=');
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        String data = take(a, "data", "cursive");
        Path out = Path.of(take(a, "out", "/tmp/ductus-mdlstm-exp"));
        int height = Integer.parseInt(take(a, "height", Integer.toString(MdlstmArchitecture.HEIGHT)));
        String chain = take(a, "chain", "uniform:" + height);
        boolean retrain = Boolean.parseBoolean(take(a, "train", "true"));
        String lms = take(a, "lms", "none,char,word,lexicon,hybrid");
        int tune = Integer.parseInt(take(a, "tune", "150"));
        int beam = Integer.parseInt(take(a, "beam", "16"));
        Files.createDirectories(out);
        Path modelFile = out.resolve(data + "-" + MdlstmArchitecture.SYSTEM + ".model");

        DatasetProvider provider = EmbeddedData.provider(DatasetSize.SMALL);
        Dataset train = provider.open(data, "train");
        Dataset validation = provider.open(data, "validation");
        Dataset test = provider.open(data, "test");
        Preprocessor pre = EmbeddedData.preprocessor(chain);
        PixelSetup input = new PixelSetup(height);
        Map<String, String> defaults = new LinkedHashMap<>(Map.of("model", MdlstmArchitecture.MODEL, "epochs", "30",
                "batch", "16", "lr", "0.001", "optimizer", "adam", "patience", "5", "augment", "true"));
        System.out.printf(Locale.ROOT, "%s on %s: chain %s, input %s, model file %s, %d threads%n", MdlstmArchitecture.SYSTEM, data,
                chain, input.spec(), modelFile, dev.ductus.nn.tensor.Parallel.THREADS);
        if (retrain || !Files.exists(modelFile)) {
            TrainingListener listener = new TrainingListener() {
                @Override
                public void progress(TrainingProgress e) {
                    if (e.phase().equals("validate") || e.step() % 50 == 0) {
                        System.out.printf(Locale.ROOT, "  %-8s step %6d/%d %s  %.0f s elapsed, ETA %.0f s%n", e.phase(), e.step(),
                                e.totalSteps(), format(e.metrics()), e.elapsedSeconds(), e.etaSeconds());
                    }
                }

                @Override
                public void message(String text) {
                    System.out.println("  " + text);
                }
            };
            TrainingResult r = new CtcTrainer(MdlstmArchitecture.SYSTEM, input, pre, defaults)
                    .train(new TrainingRequest(train, validation, modelFile, true, a), listener);
            System.out.println("trained: " + format(r.metrics()));
        }
        CtcModel model = CtcModel.read(modelFile, null, null);
        System.out.println("model: " + model.info().facts());
        LineEncoder encoder = input.restore(model.inputSpec(), null, null);
        long t0 = System.nanoTime();
        List<Scored> testScores = score(model, encoder, pre, test);
        double scoreSeconds = (System.nanoTime() - t0) / 1e9;
        List<Scored> validScores = score(model, encoder, pre, validation);
        Map<String, LanguageModel> models = languageModels(data, train, lms);
        System.out.printf(Locale.ROOT, "%n%s on %s/test (%d lines), %s, %d parameters, trained %s s, best epoch %s; scoring %.1f lines/s%n",
                MdlstmArchitecture.SYSTEM, data, testScores.size(), model.network().spec(), model.network().parameterCount(),
                model.facts().get("train.seconds"), model.facts().get("epochs"), testScores.size() / scoreSeconds);
        System.out.printf(Locale.ROOT, "%-22s %7s %7s %9s  %s%n", "decoding", "CER", "WER", "lines/s", "weights");
        t0 = System.nanoTime();
        ErrorRates greedy = new ErrorRates();
        BestPathDecoder best = new BestPathDecoder();
        for (Scored s : testScores) greedy.add(s.text, best.decode(s.scores).text());
        row("greedy", greedy, testScores.size(), t0, "");
        for (Map.Entry<String, LanguageModel> e : models.entrySet()) {
            String name = e.getKey();
            LanguageModel lm = e.getValue();
            BeamSettings.VocabularyMode mode = name.equals("lexicon") ? BeamSettings.VocabularyMode.LEXICON : BeamSettings.VocabularyMode.OPEN;
            double[] w = lm == null ? new double[] {0, 0} : tuneWeights(validScores.subList(0, Math.min(tune, validScores.size())), lm, beam, mode, name);
            PrefixBeamDecoder decoder = new PrefixBeamDecoder(new BeamSettings(beam, w[0], w[1], mode, Math.log(1e-3)));
            t0 = System.nanoTime();
            ErrorRates errors = new ErrorRates();
            for (Scored s : testScores) errors.add(s.text, decoder.decode(s.scores, lm).text());
            row("beam " + beam + " " + (lm == null ? "no LM" : name), errors, testScores.size(), t0,
                    String.format(Locale.ROOT, "lm.weight %.2f, insertion.bonus %.2f", w[0], w[1]));
        }
    }

    private record Scored(String text, FrameScores scores) {
    }

    /** Posteriors of every line of a split, in batches of similar widths (the model's own batching). */
    private static List<Scored> score(CtcModel model, LineEncoder encoder, Preprocessor pre, Dataset set) {
        List<Sample> samples = set.samples();
        List<EncodedLine> encoded = new ArrayList<>();
        for (Sample s : samples) {
            GrayImage im = pre.process(s.loadImage(), new Notes());
            encoded.add(encoder.encode(im));
        }
        Integer[] order = new Integer[samples.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> encoded.get(i).width()));
        FrameScores[] scores = new FrameScores[samples.size()];
        for (int from = 0; from < order.length; from += 16) {
            List<EncodedLine> chunk = new ArrayList<>();
            for (int j = from; j < Math.min(order.length, from + 16); j++) chunk.add(encoded.get(order[j]));
            List<FrameScores> s = model.score(chunk);
            for (int j = 0; j < s.size(); j++) scores[order[from + j]] = s.get(j);
        }
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) out.add(new Scored(samples.get(i).text(), scores[i]));
        return out;
    }

    private static double[] tuneWeights(List<Scored> valid, LanguageModel lm, int beam, BeamSettings.VocabularyMode mode, String name) {
        boolean words = lm.unit() != LmUnit.CHARACTER;
        double[] weights = words ? new double[] {0.3, 0.6, 1.0} : new double[] {0.2, 0.4, 0.7};
        double[] bonuses = words ? new double[] {0, 1, 2.5} : new double[] {0, 0.5};
        double bestCer = Double.MAX_VALUE;
        double[] bestW = {0, 0};
        for (double w : weights) {
            for (double b : bonuses) {
                PrefixBeamDecoder d = new PrefixBeamDecoder(new BeamSettings(beam, w, b, mode, Math.log(1e-3)));
                ErrorRates e = new ErrorRates();
                for (Scored s : valid) e.add(s.text, d.decode(s.scores, lm).text());
                if (e.cer() < bestCer) {
                    bestCer = e.cer();
                    bestW = new double[] {w, b};
                }
            }
        }
        System.out.printf(Locale.ROOT, "  tuned %s on %d validation lines: weight %.2f, bonus %.2f (CER %.4f)%n", name, valid.size(),
                bestW[0], bestW[1], bestCer);
        return bestW;
    }

    private static Map<String, LanguageModel> languageModels(String data, Dataset train, String which) throws Exception {
        Map<String, LanguageModel> out = new LinkedHashMap<>();
        List<String> wanted = List.of(which.split(","));
        if (wanted.contains("none")) out.put("none", null);
        if (wanted.stream().allMatch(w -> w.equals("none"))) return out;
        NgramModel chars;
        NgramModel words;
        Path models = EmbeddedData.cache().root().resolve("models");
        if (data.startsWith("cursive") && Files.exists(models.resolve("char-6gram.bin")) && Files.exists(models.resolve("word-3gram.bin"))) {
            // the LM bundle's default models: built from the training documents of the corpora only
            chars = ModelFiles.load(models.resolve("char-6gram.bin"));
            words = ModelFiles.load(models.resolve("word-3gram.bin"));
        } else {
            List<String> text = train.samples().stream().map(Sample::text).toList();
            chars = DefaultModels.charModel(text, m -> { });
            words = DefaultModels.wordModel(text, null, m -> { });
        }
        if (wanted.contains("char")) out.put("char", new NgramLanguageModel(chars, TokenUnit.CHARACTER));
        if (wanted.contains("word")) out.put("word", new NgramLanguageModel(words, TokenUnit.WORD));
        if (wanted.contains("lexicon")) out.put("lexicon", new NgramLanguageModel(words, TokenUnit.WORD));
        if (wanted.contains("hybrid")) out.put("hybrid", new HybridModel(words, chars));
        return out;
    }

    private static void row(String name, ErrorRates e, int lines, long t0, String note) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-22s %6.2f%% %6.2f%% %9.1f  %s%n", name, 100 * e.cer(), 100 * e.wer(), lines / s, note);
    }

    private static String format(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(String.format(Locale.ROOT, v == Math.rint(v) && Math.abs(v) < 1e9 ? "%.0f" : "%.4f", v)).append(' '));
        return sb.toString().trim();
    }

    private static String take(Map<String, String> a, String key, String fallback) {
        String v = a.remove(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
