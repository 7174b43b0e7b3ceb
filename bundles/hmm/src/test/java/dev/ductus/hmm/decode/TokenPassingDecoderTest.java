package dev.ductus.hmm.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.hmm.TinyModels;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.LineHmm;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.ViterbiAligner;
import dev.ductus.testsupport.TestLanguageModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenPassingDecoderTest {
    private static final DecoderSettings WIDE = new DecoderSettings(1, 0, 1e9, 1_000_000, DecoderSettings.Mode.AUTO);

    private final CharacterHmms hmms = CharacterHmms.create(new Alphabet(List.of(" ", "a", "b", "c")),
            new int[] {1, 2, 2, 2}, 0.5, 0);

    /**
     * Scores that clearly show the given units (" " = a visible gap), each state for {@code perState} frames:
     * 0 for the true state, -8 for every other.
     */
    private static FrameScores sharp(CharacterHmms hmm, String units, int perState, long seed) {
        Random r = new Random(seed);
        List<Integer> truth = new ArrayList<>();
        for (int i = 0; i < units.length(); i++) {
            int c = hmm.alphabet().indexOf(units.substring(i, i + 1));
            for (int s = 0; s < hmm.stateCount(c); s++) for (int k = 0; k < perState; k++) truth.add(hmm.stateIndex(c, s));
        }
        int frames = truth.size();
        int n = hmm.totalStates();
        float[] scores = new float[frames * n];
        for (int t = 0; t < frames; t++) {
            for (int g = 0; g < n; g++) scores[t * n + g] = (float) (g == truth.get(t) ? -r.nextDouble() : -8 - r.nextDouble());
        }
        return new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, frames, n, scores, hmm.alphabet(), hmm,
                FrameScores.evenPositions(frames, frames * 3), frames * 3);
    }

    @Test
    void withoutLmReadsWhatTheScoresShow() {
        FrameScores scores = sharp(hmms, " ab ca ", 2, 1);
        Hypothesis h = new TokenPassingDecoder(WIDE).decode(scores, null);
        assertEquals("ab ca", h.text());
        List<CharSpan> spans = h.characters();
        assertEquals(5, spans.size());
        // margin: 2 frames; a: frames 2..6; b: 6..10; gap: 10..12; c: 12..16
        assertEquals(2, spans.get(0).t0());
        assertEquals(6, spans.get(0).t1());
        assertEquals(10, spans.get(2).t0());
        assertEquals(12, spans.get(2).t1());
        assertEquals(" ", spans.get(2).symbol());
        assertEquals(6, spans.get(0).x0());
        assertEquals(18, spans.get(0).x1());
        for (CharSpan s : spans) assertTrue(s.confidence() > 0.9, s.toString());
    }

    /** #16: a decoding whose worker is interrupted (past a time limit) stops at the next frame instead of running on. */
    @Test
    void anInterruptedDecodingStops() {
        FrameScores scores = sharp(hmms, " ab ca ", 2, 1);
        Thread.currentThread().interrupt();
        try {
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                    () -> new TokenPassingDecoder(WIDE).decode(scores, null));
        } finally {
            Thread.interrupted();
        }
        assertEquals("ab ca", new TokenPassingDecoder(WIDE).decode(scores, null).text());
    }

    @Test
    void oneWordLexiconReturnsThatWord() {
        // the image says "ba", the only word the lexicon knows is "cab"
        FrameScores scores = sharp(hmms, "ba", 2, 2);
        LanguageModel lm = new TestLanguageModels.WordUnigram(Map.of("cab", 1.0), 1e-3, 1.0, false, 3);
        Hypothesis h = new TokenPassingDecoder(WIDE).decode(scores, lm);
        assertEquals("cab", h.text());
        assertEquals(3, h.characters().size());
        assertTrue(h.characters().get(0).confidence() < 0.5);
    }

    @Test
    void lexiconSplitsTouchingWords() {
        // "ab" and "c" written without a gap: the word LM knows both words
        FrameScores scores = sharp(hmms, "abc", 2, 3);
        LanguageModel lm = new TestLanguageModels.WordUnigram(Map.of("ab", 0.5, "c", 0.5), 1e-3, 1.0, false, 3);
        assertEquals("ab c", new TokenPassingDecoder(WIDE).decode(scores, lm).text());
    }

    @Test
    void hybridLmSpellsOutOfVocabularyWords() {
        FrameScores scores = sharp(hmms, "bca ab", 2, 4);
        LanguageModel hybrid = new TestLanguageModels.WordUnigram(Map.of("ab", 0.5, "ca", 0.5), 0.1, 1.0, true, 3);
        // a word insertion penalty keeps the OOV word whole instead of splitting it into cheaper pieces
        DecoderSettings settings = WIDE.withLm(1, -5);
        assertEquals("bca ab", new TokenPassingDecoder(settings).decode(scores, hybrid).text());
        LanguageModel closed = new TestLanguageModels.WordUnigram(Map.of("ab", 0.5, "ca", 0.5), 0.1, 1.0, false, 3);
        String text = new TokenPassingDecoder(settings).decode(scores, closed).text();
        assertTrue(text.endsWith("ab") && !text.contains("bca"), text);
    }

    @Test
    void characterLmDecidesAnAmbiguousFrame() {
        // the middle symbol is as much 'b' as 'c'; the LM has only ever seen "abc"
        FrameScores scores = sharp(hmms, "abc", 2, 5);
        int n = hmms.totalStates();
        for (int t = 4; t < 8; t++) {
            int s = t < 6 ? 0 : 1;
            scores.scores()[t * n + hmms.stateIndex(2, s)] = -0.5f;
            scores.scores()[t * n + hmms.stateIndex(3, s)] = -0.4f;
        }
        assertEquals("acc", new TokenPassingDecoder(WIDE).decode(scores, null).text());
        LanguageModel lm = new TestLanguageModels.CharBigram(List.of("abc", "abc ab"), 0.1);
        assertEquals("abc", new TokenPassingDecoder(WIDE).decode(scores, lm).text());
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

    private static FrameScores random(CharacterHmms hmm, int frames, long seed) {
        double[] e = TinyModels.randomEmissions(frames, hmm.totalStates(), seed);
        float[] f = new float[e.length];
        for (int i = 0; i < e.length; i++) f[i] = (float) e[i];
        return new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, frames, hmm.totalStates(), f, hmm.alphabet(), hmm,
                FrameScores.evenPositions(frames, frames), frames);
    }

    @Test
    void openVocabularySearchFindsTheBestTextOfAllWithoutLm() {
        CharacterHmms hmm = TinyModels.spaceAB(0.1);
        for (long seed = 1; seed <= 3; seed++) {
            FrameScores scores = random(hmm, 6, seed);
            double best = Double.NEGATIVE_INFINITY;
            String bestText = null;
            for (String text : texts("ab", 6)) {
                double s = viterbi(hmm, scores, text) - 0.7 * text.length();
                if (s > best) {
                    best = s;
                    bestText = text;
                }
            }
            Hypothesis h = new TokenPassingDecoder(WIDE.withLm(1, -0.7)).decode(scores, null);
            assertEquals(best, h.logScore(), 1e-4, "best text " + bestText + ", decoded " + h.text());
        }
    }

    @Test
    void characterLmSearchFindsTheBestTextOfAll() {
        CharacterHmms hmm = TinyModels.spaceAB(0.1);
        TestLanguageModels.CharBigram lm = new TestLanguageModels.CharBigram(List.of("ab ab", "ba", "aab b"), 0.5);
        for (long seed = 4; seed <= 6; seed++) {
            FrameScores scores = random(hmm, 6, seed);
            double best = Double.NEGATIVE_INFINITY;
            for (String text : texts("ab", 7)) {
                double s = viterbi(hmm, scores, text) + 2.0 * lm.sentenceLogProb(text) - 0.3 * text.length();
                best = Math.max(best, s);
            }
            Hypothesis h = new TokenPassingDecoder(WIDE.withLm(2.0, -0.3)).decode(scores, lm);
            assertEquals(best, h.logScore(), 1e-4, "decoded " + h.text());
        }
    }

    @Test
    void lexiconSearchFindsTheBestWordSequenceOfAll() {
        CharacterHmms hmm = TinyModels.spaceAB(0.1);
        Map<String, Double> probs = Map.of("a", 0.2, "ab", 0.3, "ba", 0.4, "bab", 0.1);
        TestLanguageModels.WordUnigram lm = new TestLanguageModels.WordUnigram(probs, 1e-3, 0.5, false, 2);
        for (long seed = 7; seed <= 9; seed++) {
            FrameScores scores = random(hmm, 7, seed);
            double best = Double.NEGATIVE_INFINITY;
            for (String text : texts("ab", 7)) {
                String[] words = text.isEmpty() ? new String[0] : text.split(" ");
                double lmScore = Math.log(0.5);
                boolean ok = true;
                for (String w : words) {
                    ok &= probs.containsKey(w);
                    if (ok) lmScore += Math.log(probs.get(w));
                }
                if (!ok) continue;
                best = Math.max(best, viterbi(hmm, scores, text) + 1.5 * lmScore - 0.2 * words.length);
            }
            Hypothesis h = new TokenPassingDecoder(WIDE.withLm(1.5, -0.2)).decode(scores, lm);
            assertEquals(best, h.logScore(), 1e-4, "decoded " + h.text());
        }
    }

    @Test
    void hybridSearchFindsTheBestTextOfAllWithSpelledWords() {
        CharacterHmms hmm = TinyModels.spaceAB(0.1);
        Map<String, Double> probs = Map.of("ab", 0.4, "ba", 0.3);
        TestLanguageModels.WordUnigram lm = new TestLanguageModels.WordUnigram(probs, 0.3, 0.5, true, 2);
        for (long seed = 10; seed <= 12; seed++) {
            FrameScores scores = random(hmm, 7, seed);
            double best = Double.NEGATIVE_INFINITY;
            for (String text : texts("ab", 7)) {
                String[] words = text.isEmpty() ? new String[0] : text.split(" ");
                double lmScore = Math.log(0.5);
                for (String w : words) lmScore += lm.wordLogProb(w);
                best = Math.max(best, viterbi(hmm, scores, text) + 1.5 * lmScore - 0.2 * words.length);
            }
            Hypothesis h = new TokenPassingDecoder(WIDE.withLm(1.5, -0.2)).decode(scores, lm);
            assertEquals(best, h.logScore(), 1e-4, "decoded " + h.text());
        }
    }

    @Test
    void narrowBeamStillReturnsAText() {
        FrameScores scores = sharp(hmms, " ab ca ", 2, 6);
        Hypothesis h = new TokenPassingDecoder(new DecoderSettings(1, 0, 5, 3, DecoderSettings.Mode.AUTO))
                .decode(scores, null);
        assertEquals("ab ca", h.text());
    }

    @Test
    void modeMustFitTheLanguageModel() {
        FrameScores scores = sharp(hmms, "ab", 2, 7);
        LanguageModel words = new TestLanguageModels.WordUnigram(Map.of("ab", 1.0), 1e-3, 1.0, false, 3);
        assertThrows(InputException.class,
                () -> new TokenPassingDecoder(WIDE.withMode(DecoderSettings.Mode.OPEN)).decode(scores, words));
        assertThrows(InputException.class,
                () -> new TokenPassingDecoder(WIDE.withMode(DecoderSettings.Mode.LEXICON)).decode(scores, null));
        assertThrows(IllegalArgumentException.class, () -> new TokenPassingDecoder(WIDE).decode(
                new FrameScores(ScoreKind.CTC_LOG_POSTERIOR, 1, 5, new float[5], hmms.alphabet(), null,
                        new float[1], 3), null));
    }
}
