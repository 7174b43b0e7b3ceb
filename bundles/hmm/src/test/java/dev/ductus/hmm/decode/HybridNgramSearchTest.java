package dev.ductus.hmm.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.hmm.TinyModels;
import dev.ductus.hmm.bench.SyntheticRecognitionTask;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.LineHmm;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.ViterbiAligner;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.hybrid.HybridModel;
import dev.ductus.lm.kn.NgramTrainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder with the real hybrid LM (word 3-gram + character 6-gram, Kneser-Ney): on tiny cases it finds the
 * best text of all (exhaustive search), and on the benchmark's kind of task at the historical pipeline's
 * settings it returns what the decoder returned before its caches and tables were rewritten.
 */
class HybridNgramSearchTest {
    private static final DecoderSettings WIDE = new DecoderSettings(1, 0, 1e9, 1_000_000, DecoderSettings.Mode.AUTO);

    private static LanguageModel tinyHybrid() {
        List<String> corpus = List.of("ab ba", "ab ab ba", "ba", "a ab", "bb ab ba ab", "ab", "aab ba", "ba ab");
        var words = NgramTrainer.train(corpus, new NgramTrainer.Options(3, TokenUnit.WORD, null, 2, null), m -> { })
                .model();
        var chars = NgramTrainer.train(corpus, NgramTrainer.Options.of(6, TokenUnit.CHARACTER), m -> { }).model();
        return new HybridModel(words, chars);
    }

    @Test
    void findsTheBestTextOfAll() {
        CharacterHmms hmm = TinyModels.spaceAB(0.1);
        LanguageModel lm = tinyHybrid();
        double weight = 1.5;
        double penalty = -0.2;
        for (long seed = 21; seed <= 24; seed++) {
            FrameScores scores = random(hmm, 7, seed);
            double best = Double.NEGATIVE_INFINITY;
            String bestText = null;
            for (String text : texts("ab", 7)) {
                double optical = viterbi(hmm, scores, text);
                if (optical == Double.NEGATIVE_INFINITY) continue;
                String[] words = text.isEmpty() ? new String[0] : text.split(" ");
                LmState h = lm.start();
                double lmScore = 0;
                for (String w : words) {
                    LmScore s = lm.score(h, w);
                    lmScore += s.logProb();
                    h = s.next();
                }
                lmScore += lm.end(h);
                double total = optical + weight * lmScore + penalty * words.length;
                if (total > best) {
                    best = total;
                    bestText = text;
                }
            }
            Hypothesis h = new TokenPassingDecoder(WIDE.withLm(weight, penalty)).decode(scores, lm);
            assertEquals(bestText, h.text(), "seed " + seed);
            assertEquals(best, h.logScore(), 1e-6 * Math.abs(best), "seed " + seed);
        }
    }

    /**
     * Pinned from the decoder as it was before the expansion cache, the selection-based histogram pruning and
     * the numbered out-of-vocabulary prefixes (same texts, same scores, same number of tokens per frame).
     */
    @Test
    void historicalSettingsGiveTheResultsOfTheEarlierDecoder() {
        SyntheticRecognitionTask task = new SyntheticRecognitionTask(2, 4, 2, 12, 300, 4, 160, 0.6);
        TokenPassingDecoder decoder = new TokenPassingDecoder(
                new DecoderSettings(30, -80, 400, 5000, DecoderSettings.Mode.AUTO));
        String[] texts = {"qkm Ntm3ci", "bkuk", "knNw", "ucawzr"};
        double[] logScores = {-1460.4935704904824, -1397.9594286489032, -1432.3032457454515, -1431.6908427106953};
        String[] tokens = {"4648 tokens/frame", "4624 tokens/frame", "4635 tokens/frame", "4612 tokens/frame"};
        for (int i = 0; i < texts.length; i++) {
            Hypothesis h = decoder.decode(task.score(task.lines.get(i)), task.lm);
            assertEquals(texts[i], h.text(), "line " + i);
            assertEquals(logScores[i], h.logScore(), 1e-6 * Math.abs(logScores[i]), "line " + i);
            String notes = h.notes().toString();
            assertEquals(true, notes.contains(tokens[i]), notes);
        }
    }

    private static FrameScores random(CharacterHmms hmm, int frames, long seed) {
        double[] e = TinyModels.randomEmissions(frames, hmm.totalStates(), seed);
        float[] f = new float[e.length];
        for (int i = 0; i < e.length; i++) f[i] = (float) e[i];
        return new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, frames, hmm.totalStates(), f, hmm.alphabet(), hmm,
                FrameScores.evenPositions(frames, frames), frames);
    }

    /** All texts over the letters with single spaces between words, up to maxChars characters. */
    private static List<String> texts(String letters, int maxChars) {
        List<String> out = new ArrayList<>(List.of(""));
        List<String> frontier = new ArrayList<>(List.of(""));
        for (int len = 1; len <= maxChars; len++) {
            List<String> next = new ArrayList<>();
            for (String p : frontier) {
                for (char c : (letters + " ").toCharArray()) {
                    if (c == ' ' && (p.isEmpty() || p.endsWith(" "))) continue;
                    next.add(p + c);
                }
            }
            for (String s : next) if (!s.endsWith(" ")) out.add(s);
            frontier = next;
        }
        return out;
    }

    private static double viterbi(CharacterHmms hmm, FrameScores scores, String text) {
        LineHmm line = LineHmm.of(hmm, hmm.alphabet().encode(text));
        if (line.minimumFrames() > scores.frames()) return Double.NEGATIVE_INFINITY;
        double[] em = new double[scores.frames() * line.size()];
        for (int t = 0; t < scores.frames(); t++) {
            for (int j = 0; j < line.size(); j++) em[t * line.size() + j] = scores.get(t, line.globalState(j));
        }
        Alignment a = ViterbiAligner.align(text, line, em, scores.frames());
        return a == null ? Double.NEGATIVE_INFINITY : a.logScore();
    }
}
