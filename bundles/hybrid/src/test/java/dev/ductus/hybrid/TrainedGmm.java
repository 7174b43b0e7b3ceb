package dev.ductus.hybrid;

import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.gmmhmm.train.TrainingJob;
import dev.ductus.testsupport.ListDataset;
import dev.ductus.testsupport.RenderedLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A GMM-HMM trained once per test JVM on rendered lines with the gmm-hmm bundle's own trainer: the model the
 * hybrid tests align with and compare against.
 */
public final class TrainedGmm {
    public static final String FEATURES = "handcrafted:w=2,s=2,deltas=1";
    private static Path model;

    private TrainedGmm() {
    }

    public static final ListDataset TRAIN = new ListDataset("rendered", "train", RenderedLines.samples("t", 80, 1));
    public static final ListDataset VALIDATION = new ListDataset("rendered", "validation",
            RenderedLines.samples("v", 20, 2));

    public static synchronized Path model() {
        if (model != null) return model;
        try {
            Path dir = Files.createTempDirectory("ductus-hybrid-test-gmm");
            Path file = dir.resolve("rendered.gmmhmm");
            new TrainingJob(null).run(new TrainingRequest(TRAIN, VALIDATION, file, false, Map.of("features", FEATURES,
                    "mixtures", "4", "iterations", "3", "iterations.first", "6", "preprocess", "false", "validation.lines", "0")),
                    new TrainingListener() {
                        @Override
                        public void progress(TrainingProgress event) {
                        }
                    });
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            model = file;
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
