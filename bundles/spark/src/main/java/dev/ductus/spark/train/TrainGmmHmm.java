package dev.ductus.spark.train;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.data.LineFolderReader;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.gmmhmm.train.GmmHmmTrainer;
import dev.ductus.gmmhmm.train.GmmHmmTrainingOptions;
import dev.ductus.gmmhmm.train.TrainingData;
import dev.ductus.hmm.train.EmbeddedBaumWelch;
import dev.ductus.hmm.train.TrainingLine;
import dev.ductus.image.component.ImageLoaderComponent;
import dev.ductus.image.io.ImageFileReader;
import dev.ductus.spark.assembly.PlainAssembly;
import dev.ductus.spark.config.ConfigFiles.Configuration;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * GMM-HMM training on a cluster: the line images are preprocessed and turned into frames on the executors (the
 * same chain and {@link TrainingData#prepare} the local trainer uses), the frames stay cached there, and every
 * Baum-Welch iteration's E-step is reduced by {@link SparkBaumWelch}; the driver runs the M-steps, mixture splits
 * and flat start of the same {@link GmmHmmTrainer}, and writes the model file the runtime serves.
 *
 * <p>The driver also holds the lines once, for the flat start's global statistics and the state-count estimate:
 * that bounds the training set by the driver's memory (about 1 GB per 10,000 cursive lines).
 */
public final class TrainGmmHmm {
    /** A training line's reference: read by an executor from {@code path} (a file every executor can read). */
    public record LineRef(String id, String text, String path) implements Serializable {
    }

    private TrainGmmHmm() {
    }

    /** The lines of a line folder (IMAGE + IMAGE.gt.txt), as references. */
    public static List<LineRef> lineFolder(Path folder) {
        List<Sample> samples = LineFolderReader.read(folder, false, new ImageLoaderComponent(), folder.getFileName().toString(), "train").samples();
        List<LineRef> out = new ArrayList<>(samples.size());
        for (Sample s : samples) out.add(new LineRef(s.id(), s.text(), s.source()));
        return out;
    }

    /**
     * Frames of the lines, computed on the executors and cached there.
     *
     * @param configs the built-in and configured chains (what {@link PlainAssembly} reads)
     * @param chain   the preprocessing chain's name; null: the lines are used as they are
     */
    public static JavaRDD<LineFeatures> features(JavaSparkContext sc, List<LineRef> lines, Map<String, Configuration> configs,
                                                 String chain, String featureSpec, Alphabet alphabet, int partitions) {
        Broadcast<Map<String, Configuration>> cfg = sc.broadcast(new LinkedHashMap<>(configs));
        String symbols = alphabet.serialize();
        JavaRDD<LineFeatures> rdd = sc.parallelize(lines, partitions).mapPartitions(
                (Iterator<LineRef> part) -> prepare(part, cfg.value(), chain, featureSpec, Alphabet.parse(symbols)));
        rdd.persist(StorageLevel.MEMORY_AND_DISK());
        return rdd;
    }

    private static Iterator<LineFeatures> prepare(Iterator<LineRef> part, Map<String, Configuration> configs, String chain,
                                                  String featureSpec, Alphabet alphabet) {
        Preprocessor pre = chain == null ? null : new PlainAssembly(configs).preprocessor(chain);
        WindowFeatureExtractor extractor = WindowFeatureExtractor.of(featureSpec);
        ImageFileReader reader = new ImageFileReader();
        List<Sample> samples = new ArrayList<>();
        while (part.hasNext()) {
            LineRef r = part.next();
            samples.add(new Sample(r.id(), r.text(), r.path(), () -> reader.read(Path.of(r.path())).get(0), List.of()));
        }
        List<LineFeatures> out = new ArrayList<>();
        for (TrainingLine l : TrainingData.lines(TrainingData.prepare(samples, pre, extractor, alphabet, 1, false, w -> { }))) {
            out.add(LineFeatures.of(l));
        }
        return out.iterator();
    }

    /**
     * Trains on the lines with the trainer's options ({@code ductus train --system gmm-hmm --set} keys) and writes
     * the model to {@code output}.
     */
    public static GmmHmmModel train(JavaSparkContext sc, List<LineRef> refs, Map<String, Configuration> configs, String chain,
                                    Map<String, String> optionValues, int partitions, Path output, TrainingListener listener)
            throws IOException {
        long start = System.nanoTime();
        GmmHmmTrainingOptions options = GmmHmmTrainingOptions.parse(optionValues);
        if (refs.isEmpty()) throw new InputException("training lines", "none");
        List<String> texts = refs.stream().map(LineRef::text).toList();
        List<Sample> textOnly = new ArrayList<>();
        for (LineRef r : refs) textOnly.add(new Sample(r.id(), r.text(), r.path(), () -> null, List.of()));
        Alphabet alphabet = TrainingData.alphabetOf(textOnly);
        listener.message("gmm-hmm on spark: " + texts.size() + " lines in " + partitions + " partitions, features "
                + options.features() + (chain == null ? "" : ", chain " + chain));
        JavaRDD<LineFeatures> rdd = features(sc, refs, configs, options.preprocess() ? chain : null, options.features(), alphabet, partitions);
        List<TrainingLine> lines = rdd.collect().stream().map(LineFeatures::line).toList();
        if (lines.isEmpty()) throw new InputException("training lines", "no usable training line");
        double prepSeconds = (System.nanoTime() - start) / 1e9;
        SparkBaumWelch estep = new SparkBaumWelch(sc, rdd, options.features(), EmbeddedBaumWelch.DEFAULT_BEAM);
        GmmHmmModel model = new GmmHmmTrainer(options).train(lines, alphabet, listener, null, null, estep);
        rdd.unpersist(false);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("trained.on", "spark " + sc.master() + ", " + partitions + " partitions");
        facts.put("feature.seconds", String.format(Locale.ROOT, "%.1f", prepSeconds));
        if (chain != null && options.preprocess()) facts.put("chain", chain);
        model = model.withFacts(facts);
        GmmHmmModelFile.write(output, model);
        return model;
    }
}
