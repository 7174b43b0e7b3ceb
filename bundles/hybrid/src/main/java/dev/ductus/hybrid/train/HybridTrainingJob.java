package dev.ductus.hybrid.train;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.eval.ErrorRates;
import dev.ductus.hybrid.align.AlignmentCache;
import dev.ductus.hybrid.align.AlignmentKey;
import dev.ductus.hybrid.model.FeatureNormalizer;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.HybridModelFile;
import dev.ductus.hybrid.model.StatePriors;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One hybrid training request end to end: read the GMM-HMM, prepare the lines and their frame targets (forced
 * alignment, cached with the data), fit the feature normalisation and the state priors, train the network on
 * frame cross-entropy with early stopping on the validation FER (the model file is rewritten atomically at
 * every improvement, a checkpoint {@code MODEL.ckpt} after every epoch), measure the validation CER by
 * decoding without LM, then optionally re-align with the hybrid itself and train on, keeping a pass only when
 * it lowers the validation CER.
 */
public final class HybridTrainingJob {
    private final String system;
    private final Preprocessor preprocessor;
    private final Map<String, String> defaults;
    private final FrameTrainer.GradientSource gradients;

    /** @param preprocessor applied to every sample image; null only for data that is already normalised */
    public HybridTrainingJob(String system, Preprocessor preprocessor, Map<String, String> defaults) {
        this(system, preprocessor, defaults, FrameTrainer.LOCAL);
    }

    /** @param gradients where the network's batch gradients are computed (a cluster job passes its own) */
    public HybridTrainingJob(String system, Preprocessor preprocessor, Map<String, String> defaults,
                             FrameTrainer.GradientSource gradients) {
        this.system = system;
        this.preprocessor = preprocessor;
        this.defaults = Map.copyOf(defaults);
        this.gradients = gradients;
    }

    public static Path checkpointOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".ckpt");
    }

    public TrainingResult run(TrainingRequest request, TrainingListener listener) throws IOException {
        long start = System.nanoTime();
        HybridTrainingOptions opt = HybridTrainingOptions.parse(system, request.options(), defaults);
        if (opt.preprocess() && preprocessor == null) {
            throw new InputException(system + " trainer", "no preprocessor available (set preprocess=false for data that is"
                    + " already height-normalised)");
        }
        Preprocessor pre = opt.preprocess() ? preprocessor : null;
        Path output = request.output();
        Path checkpoint = checkpointOf(output);
        Adam optimizer = new Adam();
        HybridModel model = null;
        FrameTrainer.State state = new FrameTrainer.State();
        if (request.resume() && Files.exists(checkpoint)) {
            Map<String, String> extra = new HashMap<>();
            model = HybridModelFile.read(checkpoint, optimizer, extra);
            state = FrameTrainer.State.from(extra);
            listener.message(String.format(Locale.ROOT, "resuming %s after epoch %d (best validation FER %.4f)", checkpoint,
                    state.epoch, state.bestFer));
        }
        Data data = prepare(opt, request.train(), request.validation(), pre, model == null ? null : model.normalizer(), listener);
        if (model != null && (!model.system().equals(system) || !model.featureSpec().equals(data.input().spec()))) {
            throw new InputException(checkpoint.toString(), "checkpoint of " + model.system() + " on " + model.featureSpec()
                    + ", this run trains " + system + " on " + data.input().spec());
        }
        if (model == null) model = untrained(system, opt.model(), data, opt.priorExponent(), opt.seed());
        List<FrameLine> train = data.train();
        List<FrameLine> valid = data.valid();
        long alignedTrain = train.stream().filter(l -> l.targets() != null).count();
        listener.message(String.format(Locale.ROOT, "%s: %d training lines (%d aligned), %d validation lines, %d states, model %s,"
                + " %d parameters", system, train.size(), alignedTrain, valid.size(), data.priors().states(), model.network().spec(),
                model.network().parameterCount()));

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("train.data", request.train().name() + "/" + request.train().split());
        if (request.validation() != null) facts.put("validation.data", request.validation().name() + "/" + request.validation().split());
        facts.put("gmm.model", data.gmmPath().toString());
        facts.put("gmm.digest", data.gmmDigest().substring(0, 16));
        facts.put("preprocessing", opt.preprocessing());
        facts.put("model", opt.model());
        facts.put("train.lines", Long.toString(alignedTrain));
        HybridModel base = model.withFacts(facts);
        Hooks hooks = new Hooks(base, output, checkpoint, optimizer);
        if (state.epoch < opt.epochs()) {
            new FrameTrainer(opt.frameSettings("epoch", opt.epochs()), gradients).train(base.network(), optimizer, train, valid, state,
                    listener, hooks);
        }
        HybridModel best = HybridModelFile.read(output);
        List<FrameLine> cerLines = valid.subList(0, Math.min(valid.size(), opt.validationLines()));
        FrameEvaluation fer = FrameEvaluation.measure(best.network(), valid, opt.batch());
        ErrorRates rates = LineDecoding.withoutLm(best, best.defaultScaling(), cerLines, opt.threads());
        listener.message(String.format(Locale.ROOT, "%s: validation FER %.2f %%, CER %.2f %%, WER %.2f %% (%d lines, no LM)",
                system, 100 * fer.frameErrorRate(), 100 * rates.cer(), 100 * rates.wer(), rates.lines()));
        int passesKept = 0;
        for (int pass = 1; pass <= opt.realign() && !cerLines.isEmpty(); pass++) {
            RealignmentPass.Outcome o = new RealignmentPass(opt, listener, gradients).run(best, rates.cer(), train, valid, cerLines, pass, output);
            if (o.cer() < rates.cer()) {
                best = o.model();
                train = o.train();
                valid = o.valid();
                fer = o.fer();
                rates = o.rates();
                passesKept = pass;
            } else {
                listener.message(String.format(Locale.ROOT, "re-alignment pass %d did not lower the validation CER (%.2f %% vs %.2f %%):"
                        + " keeping the model before it", pass, 100 * o.cer(), 100 * rates.cer()));
                break;
            }
        }
        Map<String, String> done = new LinkedHashMap<>();
        done.put("epochs", Integer.toString(state.bestEpoch));
        done.put("realign.passes", Integer.toString(passesKept));
        done.put("validation.fer", String.format(Locale.ROOT, "%.5f", fer.frameErrorRate()));
        done.put("validation.cer", String.format(Locale.ROOT, "%.5f", rates.cer()));
        done.put("validation.wer", String.format(Locale.ROOT, "%.5f", rates.wer()));
        double seconds = (System.nanoTime() - start) / 1e9;
        done.put("training.seconds", String.format(Locale.ROOT, "%.1f", seconds));
        HybridModelFile.write(output, best.withFacts(done));
        Files.deleteIfExists(checkpoint);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("validation.fer", fer.frameErrorRate());
        metrics.put("validation.cer", rates.cer());
        metrics.put("validation.wer", rates.wer());
        metrics.put("epochs", (double) state.bestEpoch);
        metrics.put("realign.passes", (double) passesKept);
        metrics.put("parameters", (double) best.network().parameterCount());
        metrics.put("preparation.seconds", data.seconds());
        metrics.put("training.seconds", seconds);
        return new TrainingResult(output, metrics);
    }

    /** The GMM-HMM, the network input, the normalisation, the aligned lines and the priors of a run. */
    public record Data(GmmHmmModel gmm, Path gmmPath, String gmmDigest, WindowFeatureExtractor input,
                       FeatureNormalizer normalizer, List<FrameLine> train, List<FrameLine> valid, StatePriors priors,
                       double seconds) {
    }

    /**
     * Reads the GMM-HMM, prepares and aligns the training and validation lines, fits the normalisation (unless
     * one is given, e.g. by a checkpoint) and counts the state priors of the training targets.
     *
     * @param validation may be null
     */
    public static Data prepare(HybridTrainingOptions opt, Dataset train, Dataset validation, Preprocessor pre,
                               FeatureNormalizer known, TrainingListener listener) throws IOException {
        long start = System.nanoTime();
        Path gmmPath = Path.of(opt.gmmModel());
        GmmHmmModel gmm = GmmHmmModelFile.read(gmmPath);
        WindowFeatureExtractor input = WindowFeatureExtractor.of(opt.features() == null ? gmm.featureSpec() : opt.features());
        if (input.featureSpec().shift() != gmm.extractor().featureSpec().shift()) {
            throw new InputException("training option 'features'", "'" + input.spec() + "' shifts its window by "
                    + input.featureSpec().shift() + " pixels, the GMM-HMM's features '" + gmm.featureSpec() + "' by "
                    + gmm.extractor().featureSpec().shift() + ": frames would not match the alignment");
        }
        String digest = AlignmentKey.modelDigest(gmmPath);
        AlignedData.Aligner aligner = new AlignedData.Aligner(gmm, digest, opt.preprocessing(),
                new AlignmentCache(opt.alignmentCache().isBlank() ? AlignmentCache.defaultFallback() : Path.of(opt.alignmentCache())),
                opt.threads());
        listener.message(String.format(Locale.ROOT, "GMM-HMM %s (%d states, features %s), network input %s", gmmPath,
                gmm.gmmHmm().states(), gmm.featureSpec(), input.spec()));
        AlignedData.Split trainSplit = AlignedData.load(train, opt.maxLines(), pre, input, aligner, false, listener::message);
        AlignedData.Split validSplit = validation == null ? null
                : AlignedData.load(validation, opt.maxValidation(), pre, input, aligner, true, listener::message);
        FeatureNormalizer normalizer = known != null ? known : FeatureNormalizer.fit(trainSplit.features());
        List<FrameLine> trainLines = trainSplit.frameLines(normalizer);
        List<FrameLine> validLines = validSplit == null ? List.of() : validSplit.frameLines(normalizer);
        StatePriors priors = StatePriors.count(targetsOf(trainLines), gmm.gmmHmm().states(), opt.priorSmoothing());
        return new Data(gmm, gmmPath, digest, input, normalizer, trainLines, validLines, priors, (System.nanoTime() - start) / 1e9);
    }

    /** A freshly initialised network of the given hidden layers (plus the output layer over the states). */
    public static HybridModel untrained(String system, String modelString, Data data, double priorExponent, long seed) {
        ModelSpec spec = ModelSpec.parse(modelString).append("dense=" + data.priors().states());
        Network net = new NetworkBuilder(DataType.FLOAT, seed).build(new Shape(1, data.input().dimension()), spec);
        return new HybridModel(system, data.gmm().gmmHmm().hmms(), data.input().spec(), data.normalizer(), data.priors(),
                priorExponent, net, Map.of());
    }

    static List<int[]> targetsOf(List<FrameLine> lines) {
        return lines.stream().map(FrameLine::targets).filter(t -> t != null).toList();
    }

    /** Writes the model at every improvement and the checkpoint after every epoch. */
    private record Hooks(HybridModel model, Path output, Path checkpoint, Adam optimizer) implements FrameTrainer.Hooks {
        @Override
        public void improved(FrameTrainer.State state) throws IOException {
            HybridModelFile.write(output, model.withFacts(Map.of("epochs", Integer.toString(state.bestEpoch),
                    "validation.fer", String.format(Locale.ROOT, "%.5f", state.bestFer))));
        }

        @Override
        public void epochDone(FrameTrainer.State state) throws IOException {
            HybridModelFile.write(checkpoint, model, optimizer, state.toMap());
        }
    }
}
