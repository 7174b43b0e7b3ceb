package dev.ductus.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.testsupport.TestLanguageModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CtcDecoderTest {
    /** Scores from per-frame probability rows (classes: blank then the alphabet), normalised. */
    static FrameScores scores(Alphabet a, double[][] probs, int imageWidth) {
        int k = a.size() + 1;
        float[] s = new float[probs.length * k];
        for (int t = 0; t < probs.length; t++) {
            double sum = 0;
            for (double p : probs[t]) sum += p;
            for (int c = 0; c < k; c++) s[t * k + c] = (float) Math.log(probs[t][c] / sum);
        }
        return new FrameScores(ScoreKind.CTC_LOG_POSTERIOR, probs.length, k, s, a, null,
                FrameScores.evenPositions(probs.length, imageWidth), imageWidth);
    }

    /** Frames that each strongly emit one class: '-' is the blank, other characters are symbols. */
    static FrameScores spelled(Alphabet a, String frames, double strength) {
        int k = a.size() + 1;
        double[][] p = new double[frames.length()][k];
        for (int t = 0; t < frames.length(); t++) {
            java.util.Arrays.fill(p[t], (1 - strength) / (k - 1));
            char ch = frames.charAt(t);
            int c = ch == '-' ? 0 : a.indexOf(String.valueOf(ch)) + 1;
            p[t][c] = strength;
        }
        return scores(a, p, 10 * frames.length());
    }

    @Test
    void greedyMergesRepeatsDropsBlanksAndPlacesCharacters() {
        Alphabet a = new Alphabet(List.of("a", "b"));
        FrameScores s = spelled(a, "aa-b-aab", 0.9);
        Hypothesis h = new BestPathDecoder().decode(s);
        assertEquals("abab", h.text());
        List<CharSpan> c = h.characters();
        assertEquals(0, c.get(0).t0());
        assertEquals(2, c.get(0).t1());
        assertEquals(0, c.get(0).x0());
        assertEquals(20, c.get(0).x1());
        assertEquals(5, c.get(2).t0());
        assertEquals(7, c.get(2).t1());
        assertEquals(0.9, c.get(3).confidence(), 1e-6);
        assertEquals(8 * Math.log(0.9), h.logScore(), 1e-5);
    }

    @Test
    void beamWithoutLanguageModelFindsTheMostProbableLabelling() {
        Alphabet a = new Alphabet(List.of("a", "b"));
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            int frames = 5;
            double[][] p = new double[frames][3];
            for (double[] row : p) for (int c = 0; c < 3; c++) row[c] = rnd.nextDouble() + 0.05;
            FrameScores s = scores(a, p, 50);
            Map<String, Double> labellings = new HashMap<>();
            for (int code = 0; code < 243; code++) {
                int v = code;
                double prob = 0;
                StringBuilder text = new StringBuilder();
                int prev = 0;
                for (int t = 0; t < frames; t++) {
                    int c = v % 3;
                    v /= 3;
                    prob += s.get(t, c);
                    if (c != 0 && c != prev) text.append(a.symbol(c - 1));
                    prev = c;
                }
                labellings.merge(text.toString(), Math.exp(prob), Double::sum);
            }
            String best = labellings.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            PrefixBeamDecoder beam = new PrefixBeamDecoder(new BeamSettings(1000, 0, 0, BeamSettings.VocabularyMode.OPEN, -100));
            Hypothesis h = beam.decode(s, null);
            assertEquals(best, h.text(), "trial " + trial);
            assertEquals(Math.log(labellings.get(best)), h.logScore(), 1e-5);
        }
    }

    @Test
    void characterModelResolvesAnAmbiguousCharacter() {
        Alphabet a = new Alphabet(List.of(" ", "a", "c", "o", "t"));
        // "c?t" where the middle frame slightly prefers 'o' over 'a'
        double[][] p = new double[5][6];
        for (double[] row : p) java.util.Arrays.fill(row, 0.01);
        p[0][3] = 1;
        p[1][0] = 1;
        p[2][4] = 0.52;
        p[2][2] = 0.48;
        p[3][0] = 1;
        p[4][5] = 1;
        FrameScores s = scores(a, p, 50);
        assertEquals("cot", new PrefixBeamDecoder(BeamSettings.defaults()).decode(s, null).text());
        // #16: an interrupted worker (past a time limit) stops decoding
        Thread.currentThread().interrupt();
        try {
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                    () -> new PrefixBeamDecoder(BeamSettings.defaults()).decode(s, null));
        } finally {
            Thread.interrupted();
        }
        LanguageModel lm = new TestLanguageModels.CharBigram(List.of("a cat", "cat", "the cat sat", "a hat"), 1.0, a.symbols());
        Hypothesis h = new PrefixBeamDecoder(new BeamSettings(8, 1.0, 0, BeamSettings.VocabularyMode.OPEN, -8)).decode(s, lm);
        assertEquals("cat", h.text());
        assertTrue(h.notes().toString().contains("character"), h.notes().toString());
    }

    @Test
    void lexiconModeKeepsToTheVocabularyAndOpenModeDoesNot() {
        Alphabet a = new Alphabet(List.of(" ", "e", "h", "t"));
        // acoustics say "teh" clearly, then a space, then "the"
        FrameScores s = spelled(a, "t-e-h- -t-h-e", 0.7);
        Map<String, Double> words = new HashMap<>();
        words.put("the", 0.5);
        words.put("he", 0.2);
        LanguageModel lm = new TestLanguageModels.WordUnigram(words, 0.01, 0.5);
        Hypothesis open = new PrefixBeamDecoder(new BeamSettings(32, 0.5, 0, BeamSettings.VocabularyMode.OPEN, -12)).decode(s, lm);
        assertEquals("teh the", open.text());
        Hypothesis lexicon = new PrefixBeamDecoder(new BeamSettings(64, 0.5, 0, BeamSettings.VocabularyMode.LEXICON, -12)).decode(s, lm);
        assertTrue(List.of("the the", "he the").contains(lexicon.text()), lexicon.text());
        for (String w : lexicon.text().split(" ")) assertTrue(words.containsKey(w), w);
        assertEquals(lexicon.text().length(), lexicon.characters().size());
    }

    @Test
    void insertionBonusTradesAgainstTheLanguageModel() {
        Alphabet a = new Alphabet(List.of("a", "b"));
        // a weak 'b' between two 'a's
        double[][] p = {{0.1, 0.8, 0.1}, {0.5, 0.1, 0.4}, {0.1, 0.8, 0.1}};
        FrameScores s = scores(a, p, 30);
        List<String> outs = new ArrayList<>();
        for (double bonus : new double[] {-3, 0, 3}) {
            outs.add(new PrefixBeamDecoder(new BeamSettings(16, 0, bonus, BeamSettings.VocabularyMode.OPEN, -20)).decode(s, null).text());
        }
        assertTrue(outs.get(0).length() <= outs.get(1).length() && outs.get(1).length() <= outs.get(2).length(), outs.toString());
        assertEquals("a", outs.get(0));
        assertEquals("aba", outs.get(2));
    }
}
