package dev.ductus.data.mnist;

import java.nio.file.Path;

/**
 * Which MNIST digits each split may use: train from the first 90 % of the training file (indices 0-53,999),
 * validation from the rest (54,000-59,999; disjoint parts of the same file), test from t10k indices 0-4,999 only. t10k
 * indices 5,000-9,999 are reserved for blind evaluation: {@link #load} reads only the first 5,000 t10k
 * images and labels from disk, so they are never decoded, not even by mistake.
 */
public final class MnistSplits {
    public static final int TRAINING_FILE_SIZE = 60_000;
    public static final int T10K_READABLE = 5_000;

    private final DigitImages training;
    private final DigitImages test;

    private MnistSplits(DigitImages training, DigitImages test) {
        this.training = training;
        this.test = test;
    }

    /** @param dataFolder the folder holding {@code train-images-idx3-ubyte} and the other three files */
    public static MnistSplits load(Path dataFolder) {
        DigitImages training = IdxReader.read(dataFolder.resolve("train-images-idx3-ubyte"),
                dataFolder.resolve("train-labels-idx1-ubyte"), TRAINING_FILE_SIZE);
        DigitImages test = IdxReader.read(dataFolder.resolve("t10k-images-idx3-ubyte"),
                dataFolder.resolve("t10k-labels-idx1-ubyte"), T10K_READABLE);
        return new MnistSplits(training, test);
    }

    /** The images a split draws from. */
    public DigitImages images(String split) {
        return split.equals("test") ? test : training;
    }

    /** The first file index (inclusive) a split may use. */
    public int from(String split) {
        return split.equals("validation") ? trainEnd() : 0;
    }

    /** The last file index (exclusive) a split may use. */
    public int to(String split) {
        return switch (split) {
            case "train" -> trainEnd();
            case "validation" -> training.count();
            case "test" -> Math.min(T10K_READABLE, test.count());
            default -> throw new IllegalArgumentException("unknown split " + split);
        };
    }

    private int trainEnd() {
        return training.count() * 9 / 10;
    }

    /** A name for provenance: {@code train} or {@code t10k}. */
    public String fileName(String split) {
        return split.equals("test") ? "t10k" : "train";
    }
}
