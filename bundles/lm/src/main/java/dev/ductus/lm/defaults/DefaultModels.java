package dev.ductus.lm.defaults;

import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.kn.NgramTrainer;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * The default models for the embedded data, built from the training lines of the corpora:
 * <ul>
 * <li>{@value #WORD_3GRAM}: words split at spaces (punctuation stays on its word, as it is written), the
 * {@value #WORD_VOCABULARY} most frequent plus an optional word list, the rest {@code <unk>}; 3-gram, no
 * cut-offs;</li>
 * <li>{@value #CHAR_6GRAM}: code points and {@code <space>}, 6-gram, 4- to 6-grams seen once dropped (they
 * triple the size and buy little);</li>
 * <li>{@value #HYBRID}: not a file, the two together ({@code unit=hybrid}).</li>
 * </ul>
 * Built in seconds, so they are built by the project (or on first use) rather than committed.
 */
public final class DefaultModels {
    public static final String WORD_3GRAM = "word-3gram";
    public static final String CHAR_6GRAM = "char-6gram";
    public static final String HYBRID = "hybrid";
    public static final int WORD_VOCABULARY = 20_000;
    static final int[] CHAR_CUTOFFS = {0, 0, 1, 1, 2, 2, 2};

    private DefaultModels() {
    }

    /** Whether the name (a file name with or without extension) is one of the default model files. */
    public static String defaultName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        return stem.equals(WORD_3GRAM) || stem.equals(CHAR_6GRAM) ? stem : null;
    }

    public static NgramModel wordModel(Iterable<String> lines, Collection<String> extraWords, Consumer<String> progress) {
        return NgramTrainer.train(lines, new NgramTrainer.Options(3, TokenUnit.WORD, null, WORD_VOCABULARY, extraWords),
                progress).model();
    }

    public static NgramModel charModel(Iterable<String> lines, Consumer<String> progress) {
        return NgramTrainer.train(lines, new NgramTrainer.Options(6, TokenUnit.CHARACTER, CHAR_CUTOFFS, 0, null), progress)
                .model();
    }

    /** Builds the named default model ({@value #WORD_3GRAM} or {@value #CHAR_6GRAM}) and saves it to the file. */
    public static NgramModel build(String name, Iterable<String> lines, Collection<String> extraWords, Path file,
                                   Consumer<String> progress) throws IOException {
        NgramModel m = switch (name) {
            case WORD_3GRAM -> wordModel(lines, extraWords, progress);
            case CHAR_6GRAM -> charModel(lines, progress);
            default -> throw new IllegalArgumentException("no default model " + name);
        };
        ModelFiles.save(m, file);
        return m;
    }

    /** Builds a default model from the corpora in the cache (where no other line source is wired in). */
    public static NgramModel buildFromCache(String name, Path cache, Path file, Consumer<String> progress) throws IOException {
        return build(name, CorpusTrainingText.trainingLines(cache), null, file, progress);
    }
}
