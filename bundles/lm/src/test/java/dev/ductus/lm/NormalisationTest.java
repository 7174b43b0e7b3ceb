package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.lm.LmState;
import dev.ductus.lm.arpa.ArpaReader;
import dev.ductus.lm.arpa.ArpaWriter;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For every history seen in training (every prefix of every n-gram, as decoders reach it by scoring word after
 * word), the probabilities of all words but {@code <s>} (so with {@code </s>} and {@code <unk>}) sum to one.
 */
class NormalisationTest {
    @ParameterizedTest(name = "{0} order {1} cutoff {2}")
    @CsvSource({
        "WORD, 1, 1", "WORD, 2, 1", "WORD, 3, 1", "WORD, 4, 1", "WORD, 5, 1", "WORD, 6, 1",
        "CHARACTER, 1, 1", "CHARACTER, 2, 1", "CHARACTER, 3, 1", "CHARACTER, 4, 1", "CHARACTER, 5, 1", "CHARACTER, 6, 1",
        "WORD, 3, 2", "CHARACTER, 5, 2", "WORD, 4, 3"})
    void everySeenHistorySumsToOne(TokenUnit unit, int order, int cutoff) throws Exception {
        List<String> lines = TestModels.sample();
        NgramModel model = TestModels.train(lines, order, unit, new int[] {0, 0, cutoff}, unit == TokenUnit.WORD ? 120 : 0);
        check(model, unit, lines);
        // The same holds for the model as read back from ARPA.
        ByteArrayOutputStream arpa = new ByteArrayOutputStream();
        ArpaWriter.write(model, arpa);
        check(ArpaReader.read(new ByteArrayInputStream(arpa.toByteArray()), "mem"), unit, lines);
    }

    private static void check(NgramModel model, TokenUnit unit, List<String> lines) {
        NgramLanguageModel lm = new NgramLanguageModel(model, unit);
        List<List<String>> histories = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (String line : lines) {
            List<String> t = new ArrayList<>();
            t.add("<s>");
            t.addAll(unit.tokens(line));
            for (int end = 1; end <= t.size(); end++) {
                for (int len = 0; len < model.order() && len <= end; len++) {
                    List<String> h = List.copyOf(t.subList(end - len, end));
                    if (seen.add(h)) histories.add(h);
                }
            }
        }
        double worst = 0;
        for (List<String> h : histories) {
            LmState s;
            int from;
            if (!h.isEmpty() && h.get(0).equals("<s>")) {
                s = lm.start();
                from = 1;
            } else {
                s = model.empty(lm);
                from = 0;
            }
            for (int i = from; i < h.size(); i++) s = lm.score(s, model.id(h.get(i))).next();
            double sum = 0;
            for (int w = 0; w < model.vocabularySize(); w++) {
                if (w == model.bosId()) continue;
                sum += Math.exp(lm.score(s, w).logProb());
            }
            worst = Math.max(worst, Math.abs(sum - 1));
            assertEquals(1.0, sum, 2e-5, "history " + h);
        }
        assertTrue(histories.size() > (model.order() == 1 ? 0 : 20), "histories checked: " + histories.size());
    }
}
