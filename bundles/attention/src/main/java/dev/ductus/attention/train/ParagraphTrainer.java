package dev.ductus.attention.train;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingOptionKeys;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.attention.model.ParagraphModel;
import dev.ductus.attention.nn.LineAttention;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.ctc.train.TrainingOptions;
import dev.ductus.eval.ErrorRates;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.loss.CtcLoss;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.optim.GradientClipping;
import dev.ductus.nn.optim.LearningRateSchedule;
import dev.ductus.nn.optim.Optimizer;
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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Trains a paragraph reader without line segmentation: the 2-D encoder and CTC head of a trained MDLSTM-CTC
 * line model ({@code encoder=PATH}) with {@link LineAttention} in place of its collapse, on paragraph images
 * and their line transcriptions. Each paragraph is read for its number of lines plus one step, whose target is
 * the empty line (the learned end of the paragraph); the loss is the CTC loss of every step, per paragraph.
 * The first {@code freeze.epochs} epochs train the attention alone on the frozen encoder. The page scale makes
 * the paragraphs' lines as tall as the encoder's training lines: {@code scale}, or estimated from the training
 * pages' line boxes ({@code line.height / median box height}). After every epoch the validation CER of greedy
 * reading decides whether the model file is rewritten (atomically) and when to stop; a checkpoint
 * ({@code MODEL.ckpt}) is written after every epoch for {@code --resume}; the learning curve is recorded.
 */
public final class ParagraphTrainer {
    public static final Map<String, String> OPTIONS = options();

    private static Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>(TrainingOptions.OPTIONS);
        for (String k : List.of("calibrate.only", "augment", "checkpoint.steps")) m.remove(k);
        m.put("encoder", "a trained MDLSTM-CTC line model (a network with a collapse layer): its encoder and CTC head (required)");
        m.put("attention", "line attention sizes A:FILTERS:KHxKW (attention units, location filters, their kernel)");
        m.put("scale", "page scale; 0 = line.height / the median height of the training pages' line boxes (0)");
        m.put("line.height", "the height the encoder read its (cropped) lines at, for the estimated scale (48, the pixels chain)");
        m.put("max.lines", "most lines read from one page (the training pages' most lines + 2 when 0) (0)");
        m.put("freeze.epochs", "epochs at the start in which the encoder is frozen and only the attention learns (1)");
        m.put("encoder.lr", "the encoder's learning rate once unfrozen, as a fraction of lr (1)");
        m.put("unfreeze.warmup", "steps after unfreezing over which the encoder's learning rate rises linearly from 0 (0)");
        m.put("guide", "weight of the guide loss: each line's attention against its line box (cross-entropy per column); 0 = off (0)");
        m.put("guide.epochs", "epochs at the start that use the guide (0 = every epoch) (0)");
        m.put("guide.only.epochs", "epochs at the start (encoder frozen) in which the attention learns from the guide alone, not yet from reading (0)");
        return Collections.unmodifiableMap(m);
    }

    private final Map<String, String> defaults;

    public ParagraphTrainer(Map<String, String> defaults) {
        this.defaults = Map.copyOf(defaults);
    }

    public static Path checkpointOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".ckpt");
    }

    /** A page at the model's scale, its lines' texts and (when there is one per line) their boxes at that scale. */
    private record Page(String source, Batch pixels, String[] lines, String text, List<Box> boxes) {
    }

    private String opt(TrainingRequest r, String key, String fallback) {
        return r.option(key, defaults.getOrDefault(key, fallback));
    }

    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws IOException {
        TrainingOptionKeys.check(ParagraphModel.SYSTEM, request.options(), OPTIONS);
        Map<String, String> common = new LinkedHashMap<>(request.options());
        for (String k : List.of("encoder", "attention", "scale", "line.height", "max.lines", "freeze.epochs", "encoder.lr", "unfreeze.warmup", "guide", "guide.epochs", "guide.only.epochs")) common.remove(k);
        TrainingOptions opt = TrainingOptions.from(new TrainingRequest(request.train(), request.validation(), request.output(),
                request.resume(), common), defaults);
        String encoderPath = opt(request, "encoder", "");
        String attentionSpec = opt(request, "attention", "64:4:21x3");
        int freezeEpochs = Integer.parseInt(opt(request, "freeze.epochs", "1"));
        double encoderLr = Double.parseDouble(opt(request, "encoder.lr", "1"));
        int warmup = Integer.parseInt(opt(request, "unfreeze.warmup", "0"));
        if (!(encoderLr >= 0) || warmup < 0) throw new InputException("training option 'encoder.lr'", "encoder.lr >= 0 and unfreeze.warmup >= 0 expected");
        double guide = Double.parseDouble(opt(request, "guide", "0"));
        int guideEpochs = Integer.parseInt(opt(request, "guide.epochs", "0"));
        int guideOnly = Integer.parseInt(opt(request, "guide.only.epochs", "0"));
        if (!(guide >= 0) || guideEpochs < 0) throw new InputException("training option 'guide'", "guide >= 0 and guide.epochs >= 0 expected");
        if (guideOnly > 0 && (guide <= 0 || guideOnly > freezeEpochs || (guideEpochs > 0 && guideEpochs < guideOnly))) {
            throw new InputException("training option 'guide.only.epochs'", "needs guide > 0, at most freeze.epochs (" + freezeEpochs + ") and at most guide.epochs epochs");
        }
        Path output = request.output();
        Path checkpoint = checkpointOf(output);
        Optimizer optimizer = new Adam(0.9, 0.999, 1e-8, opt.weightDecay());
        ParagraphModel model;
        State state;
        double scale;
        if (request.resume() && Files.exists(checkpoint)) {
            Map<String, String> extra = new HashMap<>();
            model = ParagraphModel.read(checkpoint, optimizer, extra);
            state = State.from(extra);
            scale = model.scale();
            listener.message(String.format(Locale.ROOT, "resuming %s at epoch %d (best validation CER %.4f)", checkpoint, state.epoch + 1, state.bestCer));
        } else {
            if (encoderPath.isBlank()) throw new InputException("training option 'encoder'", "a paragraph model starts from a trained MDLSTM-CTC line model: --set encoder=PATH");
            CtcModel ctc = CtcModel.read(Path.of(encoderPath), null, null);
            // the line model's network rebuilt for pages of any height, with its weights
            Network net;
            try {
                net = new NetworkBuilder(DataType.FLOAT, opt.seed()).build(new Shape(Shape.VARIABLE, ctc.network().inputShape().channels()),
                        ModelSpec.parse(ctc.network().spec()));
                ParagraphModel.collapseIndex(net);
            } catch (IllegalArgumentException e) {
                throw new InputException(encoderPath, "not an encoder for paragraphs: " + e.getMessage(), e);
            }
            List<Param> from = ctc.network().params();
            List<Param> to = net.params();
            for (int i = 0; i < to.size(); i++) to.get(i).value().copyFrom(from.get(i).value(), 0, 0, to.get(i).size());
            scale = Double.parseDouble(opt(request, "scale", "0"));
            if (scale <= 0) scale = estimateScale(request.train(), Double.parseDouble(opt(request, "line.height", "48")));
            int maxLines = Integer.parseInt(opt(request, "max.lines", "0"));
            if (maxLines <= 0) {
                int most = 0;
                for (Sample s : request.train().samples()) most = Math.max(most, s.text().split("\n", -1).length);
                maxLines = most + 2;
            }
            int collapse = ParagraphModel.collapseIndex(net);
            LineAttention att = new LineAttention(DataType.FLOAT, LineAttention.Dims.parse(attentionSpec,
                    net.layers().get(collapse).inputShape().channels()));
            // the collapse summed a line's rows: the attention's weighted sum starts with that gain
            att.initialize(new SplittableRandom(opt.seed() * 17 + 3), rowsOfALine(ctc.network()));
            model = new ParagraphModel(ctc.alphabet(), scale, maxLines, net, att, Map.of());
            state = new State();
        }
        List<Page> train = prepare(request.train(), model.scale(), opt.maxSamples(), model.alphabet(), listener);
        List<Page> valid = request.validation() == null ? List.of() : prepare(request.validation(), model.scale(), opt.maxValidation(), model.alphabet(), listener);
        if (train.isEmpty()) throw new InputException(request.train().name(), "no usable training pages");
        listener.message(String.format(Locale.ROOT, "%s: %d training pages, %d validation, scale %.3f, at most %d lines, encoder %s, attention %s",
                ParagraphModel.SYSTEM, train.size(), valid.size(), model.scale(), model.maxLines(), model.network().spec(), model.attention().dims().spec()));
        Network net = model.network();
        LineAttention att = model.attention();
        int collapse = ParagraphModel.collapseIndex(net);
        List<Param> all = new ArrayList<>(net.params());
        all.addAll(att.params());
        Set<Param> encoderParams = Collections.newSetFromMap(new IdentityHashMap<>());
        encoderParams.addAll(net.params());
        long unfrozenAt = (long) stepsPerEpochOf(train.size(), opt.batch()) * freezeEpochs;
        LearningRateSchedule schedule = LearningRateSchedule.parse(opt.schedule());
        CtcLoss ctc = new CtcLoss(0);
        Batch x = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch lines = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch grad = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch dMap = new Batch(new Tensor(DataType.FLOAT, 1));
        int stepsPerEpoch = stepsPerEpochOf(train.size(), opt.batch());
        long totalSteps = (long) stepsPerEpoch * opt.epochs();
        double elapsedBefore = state.elapsed;
        long runStart = System.nanoTime();
        boolean stopped = false;
        for (int epoch = state.epoch; epoch < opt.epochs() && !stopped; epoch++) {
            boolean frozen = epoch < freezeEpochs;
            List<Param> stepped = frozen ? att.params() : all;
            List<int[]> batches = batches(train, opt.batch(), opt.seed(), epoch);
            boolean guided = guide > 0 && (guideEpochs == 0 || epoch < guideEpochs);
            double lossSum = 0;
            double guideSum = 0;
            int lossCount = 0;
            boolean outOfTime = false;
            for (int bi = 0; bi < batches.size(); bi++) {
                if (Thread.currentThread().isInterrupted()) throw new IOException("training interrupted");
                int[] idx = batches.get(bi);
                List<Batch> pages = new ArrayList<>();
                int[] steps = new int[idx.length];
                List<int[]> labels = new ArrayList<>();
                for (int i = 0; i < idx.length; i++) {
                    Page p = train.get(idx[i]);
                    pages.add(p.pixels());
                    steps[i] = p.lines().length + 1;
                    for (String l : p.lines()) labels.add(classes(model.alphabet(), l));
                    labels.add(new int[0]);
                }
                ParagraphModel.assemble(pages, x);
                net.zeroGrad();
                for (Param p : att.params()) p.zeroGrad();
                Batch map = ParagraphModel.below(net, collapse, x, !frozen);
                Batch lineFrames = att.forward(map, steps, lines);
                Batch logits = ParagraphModel.above(net, collapse, lineFrames, !frozen);
                CtcLoss.Result r = ctc.compute(logits, labels.toArray(new int[0][]), CtcLoss.Reduction.SUM, grad);
                scale(grad, epoch < guideOnly ? 0 : 1.0 / idx.length);
                double guideLoss = guided ? att.guide(bands(train, idx, map), guide / idx.length) : 0;
                Batch dLines = ParagraphModel.aboveBackward(net, collapse, grad);
                att.backward(dLines, frozen ? null : dMap);
                if (!frozen) ParagraphModel.belowBackward(net, collapse, dMap);
                if (frozen) net.zeroGrad();
                double norm = GradientClipping.clipGlobalNorm(stepped, opt.clip());
                double loss = r.loss() / idx.length;
                if (Double.isFinite(norm) && Double.isFinite(loss) && Double.isFinite(guideLoss)) {
                    double encoderFactor = encoderLr * LearningRateSchedule.warmup(state.totalSteps - unfrozenAt, warmup);
                    optimizer.step(stepped, opt.lr() * schedule.factor(state.totalSteps, epoch),
                            p -> encoderParams.contains(p) ? encoderFactor : 1);
                    lossSum += loss;
                    guideSum += guideLoss;
                    lossCount++;
                } else {
                    listener.message(String.format(Locale.ROOT, "skipped an update with a non-finite loss or gradient (epoch %d, batch %d: reading loss %s, guide %s, gradient norm %s; non-finite values: map %d, line frames %d, logits %d; %s)",
                            epoch + 1, bi + 1, loss, guideLoss, norm, nonFinite(map), nonFinite(lineFrames), nonFinite(logits), pageNames(train, idx)));
                }
                state.totalSteps++;
                double elapsed = elapsedBefore + (System.nanoTime() - runStart) / 1e9;
                if (state.totalSteps % opt.progressSteps() == 0 || bi + 1 == batches.size()) {
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("epoch", epoch + (bi + 1.0) / batches.size());
                    m.put("loss", lossCount == 0 ? Double.NaN : lossSum / lossCount);
                    if (guided) m.put("guide", lossCount == 0 ? Double.NaN : guideSum / lossCount);
                    m.put("lr", opt.lr() * schedule.factor(state.totalSteps, epoch));
                    double perStep = (System.nanoTime() - runStart) / 1e9 / Math.max(1, state.totalSteps - state.startSteps);
                    listener.progress(new TrainingProgress("epoch", state.totalSteps, totalSteps, m, elapsed, perStep * (totalSteps - state.totalSteps)));
                }
                if (opt.maxMinutes() > 0 && elapsed >= opt.maxMinutes() * 60) {
                    outOfTime = true;
                    break;
                }
            }
            state.elapsed = elapsedBefore + (System.nanoTime() - runStart) / 1e9;
            ErrorRates errors = validate(model, valid);
            double cer = valid.isEmpty() ? Double.NaN : errors.cer();
            double meanLoss = lossCount == 0 ? Double.NaN : lossSum / lossCount;
            state.curve = (state.curve.isEmpty() ? "" : state.curve + " ") + String.format(Locale.ROOT, "%d:%.4f:%.5f:%.0f", epoch + 1, meanLoss, cer, state.elapsed);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("epoch", (double) (epoch + 1));
            m.put("loss", meanLoss);
            m.put("cer", cer);
            m.put("wer", valid.isEmpty() ? Double.NaN : errors.wer());
            listener.progress(new TrainingProgress("validate", state.totalSteps, totalSteps, m, state.elapsed, 0));
            if (valid.isEmpty() || cer < state.bestCer - 1e-9) {
                state.bestCer = valid.isEmpty() ? state.bestCer : cer;
                state.bestEpoch = epoch + 1;
                state.badEpochs = 0;
                model = model.withFacts(facts(request, opt, state, epoch + 1, cer, errors, encoderPath, freezeEpochs, encoderLr, warmup, guide, guideEpochs, guideOnly));
                model.write(output, null, Map.of());
            } else if (!frozen) {
                state.badEpochs++;
            }
            if (state.badEpochs >= opt.patience()) {
                listener.message(String.format(Locale.ROOT, "early stop after epoch %d: no better validation CER for %d epochs (best %.4f at epoch %d)",
                        epoch + 1, opt.patience(), state.bestCer, state.bestEpoch));
                stopped = true;
            }
            if (outOfTime && !stopped) {
                listener.message(String.format(Locale.ROOT, "time budget of %.0f min spent in epoch %d: stopping (best validation CER %.4f at epoch %d)",
                        opt.maxMinutes(), epoch + 1, state.bestCer, state.bestEpoch));
                stopped = true;
            }
            state.epoch = epoch + 1;
            model.write(checkpoint, optimizer, state.toMap());
        }
        if (Files.isRegularFile(output) && !state.curve.isEmpty()) {
            ParagraphModel kept = ParagraphModel.read(output, null, new HashMap<>());
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
        return new TrainingResult(output, result);
    }

    private static int stepsPerEpochOf(int pages, int batch) {
        return (pages + batch - 1) / batch;
    }

    /** Rows of the encoder's map that one line of its training height covers (what the collapse summed). */
    private static double rowsOfALine(Network lineNet) {
        int collapse = ParagraphModel.collapseIndex(lineNet);
        return Math.max(1, lineNet.layers().get(collapse).inputShape().fixedHeight()
                ? lineNet.layers().get(collapse).inputShape().height() : 1);
    }

    private static double estimateScale(Dataset data, double lineHeight) {
        List<Integer> heights = new ArrayList<>();
        for (Sample s : data.samples()) for (Box b : s.lineBoxes()) heights.add(b.height());
        if (heights.isEmpty()) throw new InputException(data.name(), "no line boxes to estimate the page scale from: --set scale=S");
        Collections.sort(heights);
        return lineHeight / heights.get(heights.size() / 2);
    }

    /**
     * The line boxes of a batch's pages in map coordinates (the map's rows and columns are the page's, subsampled):
     * one band per line; the last step (the empty line) and pages without boxes have none.
     */
    static LineAttention.Band[][] bands(List<Page> pages, int[] idx, Batch map) {
        LineAttention.Band[][] out = new LineAttention.Band[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            Page p = pages.get(idx[i]);
            double fy = map.height(i) / (double) p.pixels().height(0);
            double fx = map.width(i) / (double) p.pixels().width(0);
            out[i] = new LineAttention.Band[p.boxes().size()];
            for (int k = 0; k < p.boxes().size(); k++) {
                Box b = p.boxes().get(k);
                out[i][k] = new LineAttention.Band((int) Math.floor(b.y() * fy), (int) Math.ceil((b.y() + b.height()) * fy) - 1,
                        (int) Math.floor(b.x() * fx), (int) Math.ceil((b.x() + b.width()) * fx) - 1);
            }
        }
        return out;
    }

    /** The non-finite values inside a batch's samples (padding not counted). */
    private static int nonFinite(Batch b) {
        int count = 0;
        float[] row = new float[b.width() * b.channels()];
        for (int s = 0; s < b.n(); s++) {
            for (int y = 0; y < b.height(s); y++) {
                int len = b.width(s) * b.channels();
                b.data().read(b.offset(s, y, 0), row, 0, len);
                for (int i = 0; i < len; i++) if (!Float.isFinite(row[i])) count++;
            }
        }
        return count;
    }

    private static String pageNames(List<Page> pages, int[] idx) {
        List<String> names = new ArrayList<>();
        for (int i : idx) names.add(pages.get(i).source());
        return "pages " + String.join(", ", names);
    }

    private static int[] classes(Alphabet a, String text) {
        int[] c = a.encode(text).clone();
        for (int i = 0; i < c.length; i++) c[i]++;
        return c;
    }

    private static void scale(Batch b, double f) {
        Tensor t = b.data();
        for (int i = 0; i < b.size(); i++) t.set(i, t.get(i) * f);
    }

    private Map<String, String> facts(TrainingRequest request, TrainingOptions opt, State state, int epoch, double cer, ErrorRates errors,
                                      String encoderPath, int freezeEpochs, double encoderLr, int warmup,
                                      double guide, int guideEpochs, int guideOnly) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("train.data", request.train().name() + "/" + request.train().split());
        if (request.validation() != null) f.put("validation.data", request.validation().name() + "/" + request.validation().split());
        f.put("epochs", Integer.toString(epoch));
        f.put("validation.cer", String.format(Locale.ROOT, "%.5f", cer));
        f.put("validation.wer", String.format(Locale.ROOT, "%.5f", errors.wer()));
        f.put("validation.decoding", "greedy");
        f.put("train.seconds", String.format(Locale.ROOT, "%.1f", state.elapsed));
        if (!encoderPath.isBlank()) f.put("encoder", Path.of(encoderPath).getFileName().toString());
        f.put("freeze.epochs", Integer.toString(freezeEpochs));
        if (encoderLr != 1) f.put("encoder.lr", Double.toString(encoderLr));
        if (warmup > 0) f.put("unfreeze.warmup", Integer.toString(warmup));
        if (guide > 0) f.put("guide", guide + (guideEpochs > 0 ? " for " + guideEpochs + " epochs" : "") + (guideOnly > 0 ? ", alone for " + guideOnly : ""));
        f.put("batch", Integer.toString(opt.batch()));
        f.put("lr", Double.toString(opt.lr()));
        if (opt.maxMinutes() > 0) f.put("max.minutes", Double.toString(opt.maxMinutes()));
        f.put("curve", state.curve);
        return f;
    }

    private static List<Page> prepare(Dataset data, double scale, int max, Alphabet alphabet, TrainingListener listener) {
        List<Sample> samples = data.samples();
        int n = max > 0 ? Math.min(max, samples.size()) : samples.size();
        Page[] out = new Page[n];
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Parallel.range(n, 4, (from, to) -> {
            for (int i = from; i < to; i++) {
                Sample s = samples.get(i);
                try {
                    String[] lines = s.text().split("\n");
                    for (String l : lines) {
                        for (int cp : l.codePoints().toArray()) {
                            String sym = new String(Character.toChars(cp));
                            if (!alphabet.contains(sym)) throw new InputException(s.source(), "symbol '" + sym + "' is not in the encoder's alphabet");
                        }
                    }
                    GrayImage im = s.loadImage();
                    List<Box> boxes = new ArrayList<>();
                    if (s.lineBoxes().size() == lines.length) {
                        for (Box b : s.lineBoxes()) {
                            boxes.add(new Box((int) Math.floor(b.x() * scale), (int) Math.floor(b.y() * scale),
                                    (int) Math.ceil(b.width() * scale), (int) Math.ceil(b.height() * scale)));
                        }
                    }
                    out[i] = new Page(s.id(), ParagraphModel.encode(im, scale, new Batch(new Tensor(DataType.FLOAT, 1))), lines, s.text(),
                            List.copyOf(boxes));
                } catch (InputException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        for (String p : problems.subList(0, Math.min(5, problems.size()))) listener.message("skipped: " + p);
        if (problems.size() > 5) listener.message("skipped " + problems.size() + " pages in all");
        List<Page> pages = new ArrayList<>();
        for (Page p : out) if (p != null) pages.add(p);
        return pages;
    }

    static ErrorRates validate(ParagraphModel model, List<Page> pages) {
        ErrorRates errors = new ErrorRates();
        for (Page p : pages) {
            GrayImage im = decode(p.pixels());
            errors.add(p.text(), model.read(im, null, null).hypothesis().text());
        }
        return errors;
    }

    /** The encoded page back as an image at the model's scale (ink 1 to paper 1), to read it as a user would. */
    private static GrayImage decode(Batch b) {
        int h = b.height(0);
        int w = b.width(0);
        float[] v = new float[h * w];
        b.data().read(0, v, 0, v.length);
        for (int i = 0; i < v.length; i++) v[i] = 1 - v[i];
        return new GrayImage(w, h, v);
    }

    private static List<int[]> batches(List<Page> pages, int batch, long seed, int epoch) {
        SplittableRandom rnd = new SplittableRandom(seed * 7919L + epoch);
        Integer[] idx = new Integer[pages.size()];
        double[] key = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
            key[i] = pages.get(i).pixels().height() * pages.get(i).pixels().width() * (1 + 0.2 * rnd.nextDouble());
        }
        java.util.Arrays.sort(idx, java.util.Comparator.comparingDouble(i -> key[i]));
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < idx.length; s += batch) {
            int[] b = new int[Math.min(batch, idx.length - s)];
            for (int j = 0; j < b.length; j++) b[j] = idx[s + j];
            out.add(b);
        }
        Collections.shuffle(out, new java.util.Random(rnd.nextLong()));
        return out;
    }

    private static final class State {
        int epoch;
        long totalSteps;
        long startSteps;
        double bestCer = Double.POSITIVE_INFINITY;
        int bestEpoch;
        int badEpochs;
        double elapsed;
        String curve = "";

        Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("train.epoch", Integer.toString(epoch));
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
