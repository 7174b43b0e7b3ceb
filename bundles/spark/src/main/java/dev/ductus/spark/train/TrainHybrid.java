package dev.ductus.spark.train;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.data.LineFolderReader;
import dev.ductus.hybrid.train.HybridTrainingJob;
import dev.ductus.image.component.ImageLoaderComponent;
import dev.ductus.spark.assembly.PlainAssembly;
import dev.ductus.spark.config.ConfigFiles.Configuration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * MLP-HMM / RNN-HMM training with the network's gradients computed on the cluster ({@link SparkGradients}): the
 * runtime's {@link HybridTrainingJob} (forced alignment by the GMM-HMM, priors, frame training with early stopping,
 * validation CER, re-alignment passes, the model file the runtime serves), with the batch gradients reduced by Spark.
 * Alignment and feature extraction stay on the driver.
 */
public final class TrainHybrid {
    private TrainHybrid() {
    }

    /**
     * @param system  mlp-hmm or rnn-hmm
     * @param options the trainer's keys ({@code ductus train --system mlp-hmm --set}), gmm.model required; {@code chain}
     *                names the preprocessing chain (default: default)
     */
    public static TrainingResult train(JavaSparkContext sc, String system, Path trainLines, Path validationLines,
                                       Map<String, Configuration> configs, Map<String, String> options, int partitions,
                                       Path output, TrainingListener listener) throws IOException {
        Preprocessor pre = new PlainAssembly(configs).preprocessor(options.getOrDefault("chain", "default"));
        ImageLoaderComponent loader = new ImageLoaderComponent();
        Dataset train = LineFolderReader.read(trainLines, false, loader, trainLines.getFileName().toString(), "train");
        Dataset validation = validationLines == null ? null
                : LineFolderReader.read(validationLines, false, loader, validationLines.getFileName().toString(), "validation");
        HybridTrainingJob job = new HybridTrainingJob(system, pre, Map.of(), new SparkGradients(sc, partitions));
        return job.run(new TrainingRequest(train, validation, output, false, options), listener);
    }
}
