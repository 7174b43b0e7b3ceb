package dev.ductus.ctc.train;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.decode.ConfidenceCalibration;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.ctc.augment.LineAugmenter;
import dev.ductus.ctc.decode.BestPathDecoder;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.ctc.input.FeatureEncoder;
import dev.ductus.ctc.input.InputSetup;
import dev.ductus.ctc.input.LineEncoder;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.eval.Calibration;
import dev.ductus.eval.ErrorRates;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.loss.CtcLoss;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.optim.GradientClipping;
import dev.ductus.nn.optim.LearningRateSchedule;
import dev.ductus.nn.optim.Optimizer;
import dev.ductus.nn.optim.Sgd;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Parallel;
import dev.ductus.nn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Trains a CTC recogniser (BLSTM-CTC on features, CRNN on pixels: the same loop, another input): lines are
 * preprocessed once, batched by width, augmented and encoded per step; Adam (or SGD) on the CTC loss with
 * gradient clipping; after every epoch the validation CER (greedy decoding) decides whether the model file is
 * rewritten (atomically) and when to stop early. A checkpoint beside the model ({@code MODEL.ckpt}: weights,
 * optimizer state and position) is written every {@code checkpoint.steps} steps and every epoch, so a killed
 * run resumes where it stopped when the request asks to.
 */
public final class CtcTrainer {
    private static final System.Logger LOG = System.getLogger(CtcTrainer.class.getName());
    private final String system;
    private final InputSetup input;
    private final Preprocessor preprocessor;
    private final Map<String, String> defaults;

    public CtcTrainer(String system, InputSetup input, Preprocessor preprocessor, Map<String, String> defaults) {
        this.system = system;
        this.input = input;
        this.preprocessor = preprocessor;
        this.defaults = Map.copyOf(defaults);
    }

    public static Path checkpointOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".ckpt");
    }

    /** A training line: its preprocessed image and transcription. */
    private record Line(CompactImage image, String text) {
    }

    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws IOException {
        TrainingOptions opt = TrainingOptions.from(request, defaults);
        long t0 = System.nanoTime();
        List<Line> valid = request.validation() == null ? List.of() : prepare(request.validation(), opt.maxValidation(), listener);
        if (Boolean.parseBoolean(request.option("calibrate.only", "false"))) {
            return calibrateOnly(request.output(), valid, opt, listener);
        }
        List<Line> train = prepare(request.train(), opt.maxSamples(), listener);
        if (train.isEmpty()) throw new InputException(request.train().name(), "no usable training lines");
        Path output = request.output();
        Path checkpoint = checkpointOf(output);
        Optimizer optimizer = opt.optimizer().equals("adam") ? new Adam(0.9, 0.999, 1e-8, opt.weightDecay())
                : new Sgd(opt.momentum(), true, opt.weightDecay());
        CtcModel model;
        LineEncoder encoder;
        State state;
        if (request.resume() && Files.exists(checkpoint)) {
            Map<String, String> extra = new HashMap<>();
            model = CtcModel.read(checkpoint, optimizer, extra);
            if (!model.system().equals(system)) {
                throw new InputException(checkpoint.toString(), "checkpoint of system " + model.system() + ", not " + system);
            }
            try {
                encoder = input.restore(model.inputSpec(), model.featureMean(), model.featureStd());
            } catch (IllegalArgumentException e) {
                throw new InputException(checkpoint.toString(), e.getMessage(), e);
            }
            state = State.from(extra);
            listener.message(String.format(Locale.ROOT, "resuming %s at epoch %d, step %d (best validation CER %.4f)",
                    checkpoint, state.epoch + 1, state.stepInEpoch, state.bestCer));
        } else if (!request.option("from", "").isBlank()) {
            Path from = Path.of(request.option("from", ""));
            model = fineTuneStart(from, train);
            try {
                encoder = input.restore(model.inputSpec(), model.featureMean(), model.featureStd());
            } catch (IllegalArgumentException e) {
                throw new InputException(from.toString(), e.getMessage(), e);
            }
            state = new State();
            listener.message(String.format(Locale.ROOT, "%s: fine-tuning %s on %d training lines, %d validation, %d symbols, input %s, model %s",
                    system, from, train.size(), valid.size(), model.alphabet().size(), encoder.spec(), model.network().spec()));
        } else {
            List<String> texts = train.stream().map(Line::text).toList();
            Alphabet alphabet = Alphabet.of(texts);
            List<GrayImage> sample = new ArrayList<>();
            for (int i = 0; i < Math.min(500, train.size()); i++) sample.add(train.get(i).image().image());
            encoder = input.fit(sample);
            ModelSpec spec = ModelSpec.parse(opt.model()).append("dense=" + (alphabet.size() + 1));
            Network net = new NetworkBuilder(DataType.FLOAT, opt.seed()).build(encoder.shape(), spec);
            float[] mean = encoder instanceof FeatureEncoder f ? f.mean() : null;
            float[] std = encoder instanceof FeatureEncoder f ? f.std() : null;
            model = new CtcModel(system, alphabet, encoder.spec(), mean, std, net, Map.of());
            state = new State();
            listener.message(String.format(Locale.ROOT, "%s: %d training lines, %d validation, %d symbols, input %s, model %s, %d parameters",
                    system, train.size(), valid.size(), alphabet.size(), encoder.spec(), net.spec(), net.parameterCount()));
        }
        Network net = model.network();
        Alphabet alphabet = model.alphabet();
        LearningRateSchedule schedule = LearningRateSchedule.parse(opt.schedule());
        LineAugmenter augmenter = new LineAugmenter(opt.augment() ? LineAugmenter.Settings.standard() : LineAugmenter.Settings.none());
        List<EncodedLine> validEncoded = encodeAll(valid, encoder);
        int stepsPerEpoch = (train.size() + opt.batch() - 1) / opt.batch();
        long totalSteps = (long) stepsPerEpoch * opt.epochs();
        CtcLoss ctc = new CtcLoss(0);
        Batch x = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch grad = new Batch(new Tensor(DataType.FLOAT, 1));
        double elapsedBefore = state.elapsed;
        long runStart = System.nanoTime();
        boolean stopped = false;
        boolean outOfTime = false;
        for (int epoch = state.epoch; epoch < opt.epochs() && !stopped; epoch++) {
            List<int[]> batches = batches(train, opt, epoch);
            double lossSum = 0;
            int lossCount = 0;
            for (int b = state.stepInEpoch; b < batches.size(); b++) {
                if (Thread.currentThread().isInterrupted()) throw new IOException("training interrupted");
                int[] idx = batches.get(b);
                SplittableRandom rnd = new SplittableRandom(opt.seed() * 1_000_003L + epoch * 100_003L + b);
                long[] seeds = rnd.longs(idx.length).toArray();
                EncodedLine[] lines = new EncodedLine[idx.length];
                int[][] labels = new int[idx.length][];
                Parallel.range(idx.length, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        Line l = train.get(idx[i]);
                        lines[i] = encoder.encode(augmenter.apply(l.image().image(), new SplittableRandom(seeds[i])));
                        labels[i] = alphabet.encode(l.text()).clone();
                        for (int j = 0; j < labels[i].length; j++) labels[i][j]++;
                    }
                });
                CtcModel.assemble(List.of(lines), x);
                net.zeroGrad();
                CtcLoss.Result r = ctc.compute(net.forward(x, true), labels, CtcLoss.Reduction.MEAN, grad);
                net.backward(grad);
                double norm = GradientClipping.clipGlobalNorm(net.params(), opt.clip());
                if (Double.isFinite(norm)) {
                    optimizer.step(net.params(), opt.lr() * schedule.factor(state.totalSteps, epoch));
                } else {
                    listener.message("skipped an update with a non-finite gradient (epoch " + (epoch + 1) + ", batch " + (b + 1) + ")");
                }
                if (r.infeasible() < idx.length) {
                    lossSum += r.loss() * idx.length / (idx.length - r.infeasible());
                    lossCount++;
                }
                state.totalSteps++;
                state.stepInEpoch = b + 1;
                double elapsed = elapsedBefore + (System.nanoTime() - runStart) / 1e9;
                if (state.totalSteps % opt.progressSteps() == 0 || b + 1 == batches.size()) {
                    double perStep = (System.nanoTime() - runStart) / 1e9 / Math.max(1, state.totalSteps - state.startSteps);
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("epoch", epoch + (b + 1.0) / batches.size());
                    m.put("loss", lossCount == 0 ? Double.NaN : lossSum / lossCount);
                    m.put("lr", opt.lr() * schedule.factor(state.totalSteps, epoch));
                    listener.progress(new TrainingProgress("epoch", state.totalSteps, totalSteps, m, elapsed,
                            perStep * (totalSteps - state.totalSteps)));
                }
                if (opt.checkpointSteps() > 0 && state.totalSteps % opt.checkpointSteps() == 0 && b + 1 < batches.size()) {
                    state.elapsed = elapsed;
                    model.write(checkpoint, optimizer, state.toMap(epoch));
                }
                if (opt.maxMinutes() > 0 && elapsed >= opt.maxMinutes() * 60) {
                    outOfTime = true;
                    break;
                }
            }
            state.stepInEpoch = 0;
            state.elapsed = elapsedBefore + (System.nanoTime() - runStart) / 1e9;
            ErrorRates errors = validate(model, validEncoded, valid, opt.batch());
            double cer = valid.isEmpty() ? Double.NaN : errors.cer();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("epoch", (double) (epoch + 1));
            m.put("loss", lossCount == 0 ? Double.NaN : lossSum / lossCount);
            m.put("cer", cer);
            m.put("wer", valid.isEmpty() ? Double.NaN : errors.wer());
            m.put("best.cer", Math.min(state.bestCer, valid.isEmpty() ? Double.POSITIVE_INFINITY : cer));
            state.curve = (state.curve.isEmpty() ? "" : state.curve + " ") + String.format(Locale.ROOT, "%d:%.4f:%.5f:%.0f",
                    epoch + 1, lossCount == 0 ? Double.NaN : lossSum / lossCount, cer, state.elapsed);
            boolean better = valid.isEmpty() || cer < state.bestCer - 1e-9;
            if (better) {
                state.bestCer = valid.isEmpty() ? state.bestCer : cer;
                state.badEpochs = 0;
                state.bestEpoch = epoch + 1;
                model = model.withFacts(facts(request, opt, state, epoch + 1, cer, valid.isEmpty() ? Double.NaN : errors.wer()));
                model.write(output, null, Map.of());
            } else {
                state.badEpochs++;
            }
            double perStep = (System.nanoTime() - runStart) / 1e9 / Math.max(1, state.totalSteps - state.startSteps);
            listener.progress(new TrainingProgress("validate", state.totalSteps, totalSteps, m, state.elapsed,
                    perStep * (totalSteps - state.totalSteps)));
            if (state.badEpochs >= opt.patience()) {
                listener.message(String.format(Locale.ROOT, "early stop after epoch %d: no better validation CER for %d epochs (best %.4f at epoch %d)",
                        epoch + 1, opt.patience(), state.bestCer, state.bestEpoch));
                stopped = true;
            }
            if (outOfTime && !stopped) {
                listener.message(String.format(Locale.ROOT, "time budget of %.0f min spent after %d steps of epoch %d: stopping (best validation CER %.4f at epoch %d)",
                        opt.maxMinutes(), state.totalSteps, epoch + 1, state.bestCer, state.bestEpoch));
                stopped = true;
            }
            model.write(checkpoint, optimizer, state.toMap(epoch + 1));
        }
        // the kept model records the whole learning curve, the epochs after it included, and its calibration
        if (Files.isRegularFile(output) && !state.curve.isEmpty()) {
            CtcModel kept = CtcModel.read(output, null, new HashMap<>());
            Map<String, String> f = new LinkedHashMap<>(kept.info().facts());
            f.put("curve", state.curve);
            f.put("train.seconds.total", String.format(Locale.ROOT, "%.1f", state.elapsed));
            f.putAll(calibration(kept, validEncoded, valid, opt.batch(), listener));
            kept.withFacts(f).write(output, null, Map.of());
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("cer", state.bestCer);
        result.put("epochs", (double) state.bestEpoch);
        result.put("steps", (double) state.totalSteps);
        result.put("seconds", state.elapsed);
        result.put("parameters", (double) net.parameterCount());
        LOG.log(System.Logger.Level.INFO, "trained {0} in {1} s ({2} s preparing)", output, state.elapsed, (System.nanoTime() - t0) / 1e9 - state.elapsed);
        return new TrainingResult(output, result);
    }

    /**
     * The model a fine-tuning run starts from: a trained model of this system whose alphabet holds every symbol of the
     * training lines (the output layer is not grown), its weights copied so the file is never written to.
     */
    private CtcModel fineTuneStart(Path from, List<Line> train) {
        CtcModel m = CtcModel.read(from, null, new HashMap<>());
        if (!m.system().equals(system)) {
            throw new InputException(from.toString(), "a model of system " + m.system() + ", not " + system + ": fine-tune a " + system + " model");
        }
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (Line l : train) {
            l.text().codePoints().forEach(c -> {
                String sym = new String(Character.toChars(c));
                if (m.alphabet().indexOf(sym) < 0) missing.add(sym);
            });
        }
        if (!missing.isEmpty()) {
            throw new InputException(from.toString(), "its alphabet lacks " + missing.size() + " symbol(s) of the training lines ("
                    + String.join(" ", missing.stream().limit(20).map(x -> "'" + x + "'").toList())
                    + "): train from scratch, or drop those lines");
        }
        return m.withFacts(Map.of("fine.tuned.from", from.getFileName().toString()));
    }

    private Map<String, String> facts(TrainingRequest request, TrainingOptions opt, State state, int epoch, double cer, double wer) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("train.data", request.train().name() + "/" + request.train().split());
        if (request.validation() != null) f.put("validation.data", request.validation().name() + "/" + request.validation().split());
        f.put("epochs", Integer.toString(epoch));
        f.put("validation.cer", String.format(Locale.ROOT, "%.5f", cer));
        f.put("validation.wer", String.format(Locale.ROOT, "%.5f", wer));
        f.put("train.seconds", String.format(Locale.ROOT, "%.1f", state.elapsed));
        String from = request.option("from", "");
        if (from.isBlank()) f.put("model", opt.model());
        else f.put("fine.tuned.from", Path.of(from).getFileName().toString());
        f.put("batch", Integer.toString(opt.batch()));
        f.put("lr", Double.toString(opt.lr()));
        f.put("augment", Boolean.toString(opt.augment()));
        if (opt.maxMinutes() > 0) f.put("max.minutes", Double.toString(opt.maxMinutes()));
        String chain = request.option("chain", defaults.getOrDefault("chain", ""));
        if (!chain.isBlank()) f.put("chain", chain);
        f.put("curve", state.curve);
        return f;
    }

    /** Preprocessed lines of a dataset (lines that fail preprocessing are reported and skipped). */
    private List<Line> prepare(Dataset data, int max, TrainingListener listener) {
        List<Sample> samples = data.samples();
        int n = max > 0 ? Math.min(max, samples.size()) : samples.size();
        Line[] out = new Line[n];
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        Parallel.range(n, 8, (from, to) -> {
            for (int i = from; i < to; i++) {
                Sample s = samples.get(i);
                try {
                    if (s.text().contains("\n")) throw new InputException(s.source(), "a paragraph, not a line");
                    GrayImage im = s.loadImage();
                    if (preprocessor != null) im = preprocessor.process(im, new Notes());
                    out[i] = new Line(CompactImage.of(im), s.text());
                } catch (InputException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        for (String p : problems.subList(0, Math.min(5, problems.size()))) listener.message("skipped: " + p);
        if (problems.size() > 5) listener.message("skipped " + problems.size() + " lines in all");
        List<Line> lines = new ArrayList<>();
        for (Line l : out) if (l != null) lines.add(l);
        return lines;
    }

    private static List<EncodedLine> encodeAll(List<Line> lines, LineEncoder encoder) {
        EncodedLine[] out = new EncodedLine[lines.size()];
        Parallel.range(out.length, 8, (from, to) -> {
            for (int i = from; i < to; i++) out[i] = encoder.encode(lines.get(i).image().image());
        });
        return List.of(out);
    }

    /** Greedy-decoding errors on the validation lines, batched by width. */
    /**
     * {@code calibrate.only=true}: fits the confidence calibration of the model already at the output path on
     * the validation lines and records it there, training nothing (for a model trained before calibration).
     */
    private TrainingResult calibrateOnly(Path output, List<Line> valid, TrainingOptions opt, TrainingListener listener)
            throws IOException {
        if (!Files.isRegularFile(output)) throw new InputException(output.toString(), "calibrate.only: no model to calibrate");
        if (valid.isEmpty()) throw new InputException(output.toString(), "calibrate.only needs validation lines (--validation)");
        CtcModel model = CtcModel.read(output, null, new HashMap<>());
        if (!model.system().equals(system)) {
            throw new InputException(output.toString(), "a model of system " + model.system() + ", not " + system);
        }
        LineEncoder encoder;
        try {
            encoder = input.restore(model.inputSpec(), model.featureMean(), model.featureStd());
        } catch (IllegalArgumentException e) {
            throw new InputException(output.toString(), e.getMessage(), e);
        }
        Map<String, String> f = new LinkedHashMap<>(model.info().facts());
        Map<String, String> c = calibration(model, encodeAll(valid, encoder), valid, opt.batch(), listener);
        f.putAll(c);
        model.withFacts(f).write(output, null, Map.of());
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("ece.before", Double.parseDouble(c.get("calibration.ece.before")));
        result.put("ece.after", Double.parseDouble(c.get("calibration.ece.after")));
        return new TrainingResult(output, result);
    }

    /**
     * The calibration facts of a model: Platt scaling of its greedy-decoding character confidences fitted on
     * the validation lines, with the expected calibration error before and after (empty without lines).
     */
    static Map<String, String> calibration(CtcModel model, List<EncodedLine> encoded, List<Line> lines, int batch,
                                           TrainingListener listener) {
        if (lines.isEmpty()) return Map.of();
        Calibration.Samples samples = new Calibration.Samples();
        BestPathDecoder greedy = new BestPathDecoder();
        Integer[] order = new Integer[encoded.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encoded.get(i).width()));
        for (int start = 0; start < order.length; start += batch) {
            List<EncodedLine> chunk = new ArrayList<>();
            for (int j = start; j < Math.min(order.length, start + batch); j++) chunk.add(encoded.get(order[j]));
            List<FrameScores> scores = model.score(chunk);
            for (int j = 0; j < chunk.size(); j++) {
                samples.add(lines.get(order[start + j]).text(), greedy.decode(scores.get(j)).characters());
            }
        }
        double[] conf = samples.confidences();
        boolean[] right = samples.correct();
        ConfidenceCalibration fit = Calibration.fit(conf, right);
        double before = Calibration.ece(conf, right);
        double after = Calibration.ece(Calibration.apply(fit, conf), right);
        if (after > before) {
            // the likelihood fit does not always lower the binned error of confidences that are calibrated already
            listener.message(String.format(Locale.ROOT, "confidence calibration: the raw confidences are calibrated already "
                    + "(ECE %.2f %%; the Platt fit a=%.3f b=%.3f would give %.2f %%): kept as they are", 100 * before, fit.a(), fit.b(), 100 * after));
            fit = new ConfidenceCalibration(1, 0);
            after = before;
        }
        Map<String, String> f = new LinkedHashMap<>(fit.facts());
        f.put("calibration.ece.before", String.format(Locale.ROOT, "%.5f", before));
        f.put("calibration.ece.after", String.format(Locale.ROOT, "%.5f", after));
        f.put("calibration.characters", Integer.toString(samples.size()));
        f.put("calibration.decoding", "greedy");
        listener.message(String.format(Locale.ROOT, "confidence calibration on %d validation characters: a=%.3f b=%.3f, ECE %.2f %% -> %.2f %%",
                samples.size(), fit.a(), fit.b(), 100 * before, 100 * after));
        return f;
    }

    static ErrorRates validate(CtcModel model, List<EncodedLine> encoded, List<Line> lines, int batch) {
        ErrorRates errors = new ErrorRates();
        Integer[] order = new Integer[encoded.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encoded.get(i).width()));
        BestPathDecoder greedy = new BestPathDecoder();
        for (int start = 0; start < order.length; start += batch) {
            List<EncodedLine> chunk = new ArrayList<>();
            for (int j = start; j < Math.min(order.length, start + batch); j++) chunk.add(encoded.get(order[j]));
            List<FrameScores> scores = model.score(chunk);
            for (int j = 0; j < chunk.size(); j++) {
                errors.add(lines.get(order[start + j]).text(), greedy.decode(scores.get(j)).text());
            }
        }
        return errors;
    }

    /**
     * This epoch's batches: lines sorted by width with some jitter (so batches hold similar widths and little
     * padding, yet differ from epoch to epoch), cut into batches, in shuffled order.
     */
    private static List<int[]> batches(List<Line> train, TrainingOptions opt, int epoch) {
        SplittableRandom rnd = new SplittableRandom(opt.seed() * 7919L + epoch);
        int n = train.size();
        double[] key = new double[n];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            CompactImage im = train.get(i).image();
            key[i] = (double) im.width() / im.height() * (1 + 0.2 * rnd.nextDouble());
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, java.util.Comparator.comparingDouble(i -> key[i]));
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < n; s += opt.batch()) {
            int[] b = new int[Math.min(opt.batch(), n - s)];
            for (int j = 0; j < b.length; j++) b[j] = idx[s + j];
            out.add(b);
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int[] t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    /** Where a run is: stored in the checkpoint header. */
    private static final class State {
        int epoch;
        int stepInEpoch;
        long totalSteps;
        long startSteps;
        double bestCer = Double.POSITIVE_INFINITY;
        int bestEpoch;
        int badEpochs;
        double elapsed;
        /** Per epoch "EPOCH:LOSS:CER:SECONDS", space-separated. */
        String curve = "";

        Map<String, String> toMap(int atEpoch) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("train.epoch", Integer.toString(atEpoch));
            m.put("train.step", Integer.toString(stepInEpoch));
            m.put("train.total.steps", Long.toString(totalSteps));
            m.put("train.best.cer", Double.toString(bestCer));
            m.put("train.best.epoch", Integer.toString(bestEpoch));
            m.put("train.bad.epochs", Integer.toString(badEpochs));
            m.put("train.elapsed", Double.toString(elapsed));
            m.put("train.curve", curve);
            return m;
        }

        static State from(Map<String, String> m) {
            State s = new State();
            s.epoch = Integer.parseInt(m.getOrDefault("train.epoch", "0"));
            s.stepInEpoch = Integer.parseInt(m.getOrDefault("train.step", "0"));
            s.totalSteps = Long.parseLong(m.getOrDefault("train.total.steps", "0"));
            s.startSteps = s.totalSteps;
            s.bestCer = Double.parseDouble(m.getOrDefault("train.best.cer", "Infinity"));
            s.bestEpoch = Integer.parseInt(m.getOrDefault("train.best.epoch", "0"));
            s.badEpochs = Integer.parseInt(m.getOrDefault("train.bad.epochs", "0"));
            s.elapsed = Double.parseDouble(m.getOrDefault("train.elapsed", "0"));
            s.curve = m.getOrDefault("train.curve", "");
            return s;
        }
    }
}
