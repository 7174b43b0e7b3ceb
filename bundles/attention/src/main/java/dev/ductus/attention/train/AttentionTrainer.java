package dev.ductus.attention.train;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingOptionKeys;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.attention.decode.AttentionBeamSearch;
import dev.ductus.attention.model.AttentionModel;
import dev.ductus.attention.nn.AttentionDecoder;
import dev.ductus.ctc.augment.LineAugmenter;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.ctc.input.InputSetup;
import dev.ductus.ctc.input.LineEncoder;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.ctc.train.CompactImage;
import dev.ductus.ctc.train.TrainingOptions;
import dev.ductus.eval.ErrorRates;
import dev.ductus.nn.layer.Layer;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Param;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Trains an attention line recogniser: a CNN-BLSTM encoder (trained from scratch, or taken from a trained CTC
 * model with {@code encoder=PATH}) and a location-aware attention decoder, with the joint CTC-attention loss of
 * Kim, Hori and Watanabe (2017): {@code ctc.weight * L_CTC + (1 - ctc.weight) * L_attention}, both per line.
 * During the first {@code freeze.epochs} epochs the encoder is frozen (no dropout, no update) and only the
 * decoder learns, which is what makes a decoder on a trained encoder converge in minutes. Lines are
 * preprocessed once, batched by width and augmented per step; after every epoch the validation CER of greedy
 * decoding decides whether the model file is rewritten (atomically) and when to stop; a resumable checkpoint
 * ({@code MODEL.ckpt}) is written every {@code checkpoint.steps} steps and every epoch; the learning curve is
 * recorded in the model ({@code curve}).
 */
public final class AttentionTrainer {
    public static final Map<String, String> OPTIONS = options();

    private static Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>(TrainingOptions.OPTIONS);
        m.remove("calibrate.only");
        m.put("encoder", "a trained CTC model (same system and input) whose network becomes the encoder; empty: train one from 'model'");
        m.put("decoder", "decoder sizes E:H:A:FILTERS:WIDTH (embedding, LSTM, attention, location filters and their width)");
        m.put("ctc.weight", "weight of the CTC loss in the joint loss, 0..1 (0.3)");
        m.put("freeze.epochs", "epochs at the start in which the encoder is frozen and only the decoder learns (0)");
        return Collections.unmodifiableMap(m);
    }

    private final InputSetup input;
    private final Preprocessor preprocessor;
    private final Map<String, String> defaults;

    public AttentionTrainer(InputSetup input, Preprocessor preprocessor, Map<String, String> defaults) {
        this.input = input;
        this.preprocessor = preprocessor;
        this.defaults = Map.copyOf(defaults);
    }

    public static Path checkpointOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".ckpt");
    }

    private record Line(CompactImage image, String text) {
    }

    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws IOException {
        TrainingOptionKeys.check(AttentionModel.SYSTEM, request.options(), OPTIONS);
        Map<String, String> ctcOptions = new LinkedHashMap<>(request.options());
        for (String k : List.of("encoder", "decoder", "ctc.weight", "freeze.epochs")) ctcOptions.remove(k);
        TrainingOptions opt = TrainingOptions.from(new TrainingRequest(request.train(), request.validation(), request.output(),
                request.resume(), ctcOptions), defaults);
        String encoderPath = request.option("encoder", defaults.getOrDefault("encoder", ""));
        String decoderSpec = request.option("decoder", defaults.getOrDefault("decoder", "64:256:128:8:15"));
        double ctcWeight = Double.parseDouble(request.option("ctc.weight", defaults.getOrDefault("ctc.weight", "0.3")));
        int freezeEpochs = Integer.parseInt(request.option("freeze.epochs", defaults.getOrDefault("freeze.epochs", "0")));
        if (!(ctcWeight >= 0 && ctcWeight < 1)) throw new IllegalArgumentException("ctc.weight must be in [0, 1), got " + ctcWeight);
        long t0 = System.nanoTime();
        List<Line> valid = request.validation() == null ? List.of() : prepare(request.validation(), opt.maxValidation(), listener);
        List<Line> train = prepare(request.train(), opt.maxSamples(), listener);
        if (train.isEmpty()) throw new InputException(request.train().name(), "no usable training lines");
        Path output = request.output();
        Path checkpoint = checkpointOf(output);
        Optimizer optimizer = opt.optimizer().equals("adam") ? new Adam(0.9, 0.999, 1e-8, opt.weightDecay())
                : new Sgd(opt.momentum(), true, opt.weightDecay());
        AttentionModel model;
        State state;
        if (request.resume() && Files.exists(checkpoint)) {
            Map<String, String> extra = new HashMap<>();
            model = AttentionModel.read(checkpoint, optimizer, extra);
            state = State.from(extra);
            listener.message(String.format(Locale.ROOT, "resuming %s at epoch %d, step %d (best validation CER %.4f)",
                    checkpoint, state.epoch + 1, state.stepInEpoch, state.bestCer));
        } else {
            CtcModel ctc;
            Alphabet textAlphabet = Alphabet.of(train.stream().map(Line::text).toList());
            if (!encoderPath.isBlank()) {
                ctc = CtcModel.read(Path.of(encoderPath), null, null);
                if (!ctc.inputSpec().equals(input.spec())) {
                    throw new InputException(encoderPath, "the encoder reads '" + ctc.inputSpec() + "', this trainer '" + input.spec() + "'");
                }
                for (String t : train.stream().map(Line::text).toList()) {
                    for (int cp : t.codePoints().toArray()) {
                        if (ctc.alphabet().indexOf(new String(Character.toChars(cp))) < 0) {
                            throw new InputException(encoderPath, "the encoder's alphabet lacks '" + new String(Character.toChars(cp))
                                    + "', which the training text has");
                        }
                    }
                }
            } else {
                LineEncoder enc = input.fit(List.of());
                ModelSpec spec = ModelSpec.parse(opt.model()).append("dense=" + (textAlphabet.size() + 1));
                Network net = new NetworkBuilder(DataType.FLOAT, opt.seed()).build(enc.shape(), spec);
                ctc = new CtcModel("crnn", textAlphabet, enc.spec(), null, null, net, Map.of());
            }
            AttentionDecoder.Dims dims = AttentionDecoder.Dims.parse(decoderSpec, AttentionModel.featureChannels(ctc.network()),
                    ctc.alphabet().size() + 1);
            AttentionDecoder dec = new AttentionDecoder(DataType.FLOAT, dims);
            dec.initialize(new SplittableRandom(opt.seed() * 31 + 7));
            model = AttentionModel.onCtc(ctc, dec);
            state = new State();
            listener.message(String.format(Locale.ROOT, "%s: %d training lines, %d validation, %d symbols, input %s, encoder %s (%s), "
                            + "decoder %s, %d + %d parameters", AttentionModel.SYSTEM, train.size(), valid.size(), ctc.alphabet().size(),
                    ctc.inputSpec(), encoderPath.isBlank() ? "new" : encoderPath, ctc.network().spec(), dims.spec(),
                    ctc.network().parameterCount(), dec.parameterCount()));
        }
        LineEncoder encoder = input.restore(model.inputSpec(), null, null);
        Network net = model.encoder();
        AttentionDecoder dec = model.decoder();
        Alphabet alphabet = model.alphabet();
        List<Layer> layers = net.layers();
        Layer head = layers.get(layers.size() - 1);
        List<Param> all = new ArrayList<>(net.params());
        all.addAll(dec.params());
        LearningRateSchedule schedule = LearningRateSchedule.parse(opt.schedule());
        LineAugmenter augmenter = new LineAugmenter(opt.augment() ? LineAugmenter.Settings.standard() : LineAugmenter.Settings.none());
        List<EncodedLine> validEncoded = encodeAll(valid, encoder);
        int stepsPerEpoch = (train.size() + opt.batch() - 1) / opt.batch();
        long totalSteps = (long) stepsPerEpoch * opt.epochs();
        CtcLoss ctcLoss = new CtcLoss(0);
        Batch x = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch ctcGrad = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch featGrad = new Batch(new Tensor(DataType.FLOAT, 1));
        double elapsedBefore = state.elapsed;
        long runStart = System.nanoTime();
        boolean stopped = false;
        boolean outOfTime = false;
        for (int epoch = state.epoch; epoch < opt.epochs() && !stopped; epoch++) {
            boolean frozen = epoch < freezeEpochs;
            List<Param> stepped = frozen ? dec.params() : all;
            List<int[]> batches = batches(train, opt, epoch);
            double lossSum = 0;
            int lossCount = 0;
            for (int bi = state.stepInEpoch; bi < batches.size(); bi++) {
                if (Thread.currentThread().isInterrupted()) throw new IOException("training interrupted");
                int[] idx = batches.get(bi);
                SplittableRandom rnd = new SplittableRandom(opt.seed() * 1_000_003L + epoch * 100_003L + bi);
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
                dec.zeroGrad();
                Batch feats = AttentionModel.features(net, x, !frozen);
                double attScale = (frozen ? 1.0 : 1 - ctcWeight) / idx.length;
                double loss = dec.train(feats, labels, attScale, frozen ? null : featGrad);
                if (!frozen) {
                    CtcLoss.Result r = ctcLoss.compute(head.forward(feats, true), labels, CtcLoss.Reduction.MEAN, ctcGrad);
                    if (r.infeasible() < idx.length) loss += ctcWeight * r.loss();
                    if (ctcWeight != 1.0) scale(ctcGrad, ctcWeight);
                    Batch g = head.backward(ctcGrad);
                    g.data().addFrom(featGrad.data(), 0, 0, g.size());
                    for (int li = layers.size() - 2; li >= 0 && g != null; li--) g = layers.get(li).backward(g);
                }
                double norm = GradientClipping.clipGlobalNorm(stepped, opt.clip());
                if (Double.isFinite(norm) && Double.isFinite(loss)) {
                    optimizer.step(stepped, opt.lr() * schedule.factor(state.totalSteps, epoch));
                    lossSum += loss;
                    lossCount++;
                } else {
                    listener.message("skipped an update with a non-finite gradient (epoch " + (epoch + 1) + ", batch " + (bi + 1) + ")");
                }
                state.totalSteps++;
                state.stepInEpoch = bi + 1;
                double elapsed = elapsedBefore + (System.nanoTime() - runStart) / 1e9;
                if (state.totalSteps % opt.progressSteps() == 0 || bi + 1 == batches.size()) {
                    double perStep = (System.nanoTime() - runStart) / 1e9 / Math.max(1, state.totalSteps - state.startSteps);
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("epoch", epoch + (bi + 1.0) / batches.size());
                    m.put("loss", lossCount == 0 ? Double.NaN : lossSum / lossCount);
                    m.put("lr", opt.lr() * schedule.factor(state.totalSteps, epoch));
                    listener.progress(new TrainingProgress("epoch", state.totalSteps, totalSteps, m, elapsed,
                            perStep * (totalSteps - state.totalSteps)));
                }
                if (opt.checkpointSteps() > 0 && state.totalSteps % opt.checkpointSteps() == 0 && bi + 1 < batches.size()) {
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
            model.refresh();
            ErrorRates errors = validate(model, validEncoded, valid, opt.batch());
            double cer = valid.isEmpty() ? Double.NaN : errors.cer();
            double meanLoss = lossCount == 0 ? Double.NaN : lossSum / lossCount;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("epoch", (double) (epoch + 1));
            m.put("loss", meanLoss);
            m.put("cer", cer);
            m.put("wer", valid.isEmpty() ? Double.NaN : errors.wer());
            m.put("best.cer", Math.min(state.bestCer, valid.isEmpty() ? Double.POSITIVE_INFINITY : cer));
            state.curve = (state.curve.isEmpty() ? "" : state.curve + " ")
                    + String.format(Locale.ROOT, "%d:%.4f:%.5f:%.0f", epoch + 1, meanLoss, cer, state.elapsed);
            boolean better = valid.isEmpty() || cer < state.bestCer - 1e-9;
            if (better) {
                state.bestCer = valid.isEmpty() ? state.bestCer : cer;
                state.badEpochs = 0;
                state.bestEpoch = epoch + 1;
                model = model.withFacts(facts(request, opt, state, epoch + 1, cer, valid.isEmpty() ? Double.NaN : errors.wer(),
                        encoderPath, ctcWeight, freezeEpochs));
                model.write(output, null, Map.of());
            } else if (!frozen) {
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
        if (Files.isRegularFile(output) && !state.curve.isEmpty()) {
            AttentionModel kept = AttentionModel.read(output, null, new HashMap<>());
            Map<String, String> f = new LinkedHashMap<>(kept.facts());
            f.put("curve", state.curve);
            f.put("train.seconds.total", String.format(Locale.ROOT, "%.1f", state.elapsed));
            kept.withFacts(f).write(output, null, Map.of());
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("cer", state.bestCer);
        result.put("epochs", (double) state.bestEpoch);
        result.put("steps", (double) state.totalSteps);
        result.put("seconds", state.elapsed);
        result.put("parameters", (double) (net.parameterCount() + dec.parameterCount()));
        listener.message(String.format(Locale.ROOT, "trained %s in %.0f s (%.0f s preparing)", output, state.elapsed,
                (System.nanoTime() - t0) / 1e9 - state.elapsed));
        return new TrainingResult(output, result);
    }

    private static void scale(Batch b, double f) {
        Tensor t = b.data();
        for (int i = 0; i < b.size(); i++) t.set(i, t.get(i) * f);
    }

    private Map<String, String> facts(TrainingRequest request, TrainingOptions opt, State state, int epoch, double cer, double wer,
                                      String encoderPath, double ctcWeight, int freezeEpochs) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("train.data", request.train().name() + "/" + request.train().split());
        if (request.validation() != null) f.put("validation.data", request.validation().name() + "/" + request.validation().split());
        f.put("epochs", Integer.toString(epoch));
        f.put("validation.cer", String.format(Locale.ROOT, "%.5f", cer));
        f.put("validation.wer", String.format(Locale.ROOT, "%.5f", wer));
        f.put("validation.decoding", "greedy");
        f.put("train.seconds", String.format(Locale.ROOT, "%.1f", state.elapsed));
        f.put("model", opt.model());
        if (!encoderPath.isBlank()) f.put("encoder", Path.of(encoderPath).getFileName().toString());
        f.put("ctc.weight", Double.toString(ctcWeight));
        f.put("freeze.epochs", Integer.toString(freezeEpochs));
        f.put("batch", Integer.toString(opt.batch()));
        f.put("lr", Double.toString(opt.lr()));
        f.put("augment", Boolean.toString(opt.augment()));
        if (opt.maxMinutes() > 0) f.put("max.minutes", Double.toString(opt.maxMinutes()));
        String chain = request.option("chain", defaults.getOrDefault("chain", ""));
        if (!chain.isBlank()) f.put("chain", chain);
        f.put("curve", state.curve);
        return f;
    }

    private List<Line> prepare(Dataset data, int max, TrainingListener listener) {
        List<Sample> samples = data.samples();
        int n = max > 0 ? Math.min(max, samples.size()) : samples.size();
        Line[] out = new Line[n];
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
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

    /** Greedy-decoding errors on the validation lines, batched by width through the encoder. */
    static ErrorRates validate(AttentionModel model, List<EncodedLine> encoded, List<Line> lines, int batch) {
        ErrorRates errors = new ErrorRates();
        Integer[] order = new Integer[encoded.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encoded.get(i).width()));
        AttentionBeamSearch greedy = new AttentionBeamSearch(AttentionBeamSearch.Settings.greedy());
        for (int start = 0; start < order.length; start += batch) {
            List<EncodedLine> chunk = new ArrayList<>();
            for (int j = start; j < Math.min(order.length, start + batch); j++) chunk.add(encoded.get(order[j]));
            List<Hypothesis> hyps = model.recognize(chunk, greedy, null);
            for (int j = 0; j < chunk.size(); j++) errors.add(lines.get(order[start + j]).text(), hyps.get(j).text());
        }
        return errors;
    }

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
