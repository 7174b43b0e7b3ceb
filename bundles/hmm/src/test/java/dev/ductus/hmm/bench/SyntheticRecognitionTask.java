package dev.ductus.hmm.bench;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.hybrid.HybridModel;
import dev.ductus.lm.kn.NgramTrainer;
import dev.ductus.lm.model.NgramModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A recognition task shaped like the historical pipeline's, built from a seed in seconds: a GMM-HMM over a
 * 75-symbol alphabet (space + 74 characters, {@code states} states each, {@code components} Gaussians of
 * {@code dim} dimensions per state), a hybrid LM (word 3-gram over the most frequent words + character 6-gram
 * spelling the rest) trained on a Zipf-distributed synthetic corpus, and test lines sampled from the GMM-HMM
 * along texts of the same source, about {@code frames} frames each. Means of different states overlap enough
 * that the optical model alone makes mistakes the LM has to fix.
 */
public final class SyntheticRecognitionTask {
    /** One test line: its true text and its features (frames x dim). */
    public record Line(String text, float[] features, int frames) {
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'-()\"&";

    public final GmmHmm model;
    public final LanguageModel lm;
    public final List<Line> lines;
    private final int dim;

    /**
     * @param vocabulary distinct words of the corpus (the word LM keeps the most frequent 70 %)
     * @param separation scale of the state means: smaller is harder
     */
    public SyntheticRecognitionTask(long seed, int states, int components, int dim, int vocabulary, int lineCount,
                                    int frames, double separation) {
        this.dim = dim;
        Random r = new Random(seed);
        List<String> symbols = new ArrayList<>();
        symbols.add(CharacterHmms.SPACE);
        for (int i = 0; i < LETTERS.length() && symbols.size() < 75; i++) symbols.add(LETTERS.substring(i, i + 1));
        Alphabet alphabet = new Alphabet(symbols);
        int[] counts = new int[symbols.size()];
        java.util.Arrays.fill(counts, states);
        counts[0] = Math.max(1, states / 2);
        CharacterHmms hmms = CharacterHmms.create(alphabet, counts, 0.4, 0.05);
        DiagonalGmm[] gmms = new DiagonalGmm[hmms.totalStates()];
        for (int g = 0; g < gmms.length; g++) {
            double[] centre = new double[dim];
            for (int d = 0; d < dim; d++) centre[d] = separation * r.nextGaussian();
            double[] w = new double[components];
            double[] mu = new double[components * dim];
            double[] var = new double[components * dim];
            double total = 0;
            for (int k = 0; k < components; k++) {
                w[k] = 0.5 + r.nextDouble();
                total += w[k];
                for (int d = 0; d < dim; d++) {
                    mu[k * dim + d] = centre[d] + 0.5 * r.nextGaussian();
                    var[k * dim + d] = 0.5 + 0.5 * r.nextDouble();
                }
            }
            for (int k = 0; k < components; k++) w[k] /= total;
            gmms[g] = new DiagonalGmm(w, mu, var);
        }
        this.model = new GmmHmm(hmms, gmms);

        String[] words = new String[vocabulary];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < vocabulary; i++) {
            String word;
            do {
                int len = 1 + (int) Math.min(11, Math.abs(r.nextGaussian() * 3) + 1);
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < len; k++) b.append(LETTERS.charAt(k == 0 && r.nextInt(8) == 0 ? 26 + r.nextInt(26)
                        : r.nextInt(r.nextInt(10) == 0 ? LETTERS.length() : 26)));
                word = b.toString();
            } while (!seen.add(word));
            words[i] = word;
        }
        double[] cumulative = new double[vocabulary];
        double sum = 0;
        for (int i = 0; i < vocabulary; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) corpus.add(sentence(r, words, cumulative, 40));
        NgramModel wordModel = NgramTrainer.train(corpus, new NgramTrainer.Options(3, TokenUnit.WORD, null,
                (int) (0.7 * vocabulary), null), m -> { }).model();
        NgramModel charModel = NgramTrainer.train(corpus, new NgramTrainer.Options(6, TokenUnit.CHARACTER,
                new int[] {0, 0, 1, 1, 2, 2, 2}, 0, null), m -> { }).model();
        this.lm = new HybridModel(wordModel, charModel);

        List<Line> out = new ArrayList<>();
        while (out.size() < lineCount) {
            String text = sentence(r, words, cumulative, frames / 13);
            out.add(sample(r, text));
        }
        this.lines = out;
    }

    /** Words drawn from a Zipf law (with a little repetition structure for the n-grams) up to maxChars. */
    private static String sentence(Random r, String[] words, double[] cumulative, int maxChars) {
        StringBuilder b = new StringBuilder();
        String prev = null;
        while (true) {
            String w;
            if (prev != null && r.nextInt(3) == 0) {
                // a word often follows the same successors: its "bigram" partner
                w = words[Math.floorMod(prev.hashCode() * 31 + r.nextInt(3), words.length) % Math.min(words.length, 500)];
            } else {
                double u = r.nextDouble() * cumulative[cumulative.length - 1];
                int i = java.util.Arrays.binarySearch(cumulative, u);
                w = words[i < 0 ? -i - 1 : i];
            }
            if (b.length() > 0 && b.length() + 1 + w.length() > maxChars) break;
            if (b.length() > 0) b.append(' ');
            b.append(w);
            prev = w;
            if (b.length() >= maxChars) break;
        }
        return b.toString();
    }

    /** Frames sampled along the text: margins and gaps from the space model, durations from the transitions. */
    private Line sample(Random r, String text) {
        CharacterHmms hmms = model.hmms();
        int space = hmms.spaceSymbol();
        List<Integer> states = new ArrayList<>();
        walk(hmms, space, r, states);
        for (int i = 0; i < text.length(); i++) {
            int c = hmms.alphabet().indexOf(text.substring(i, i + 1));
            if (c == space && r.nextInt(5) == 0) continue; // touching words
            walk(hmms, c, r, states);
        }
        walk(hmms, space, r, states);
        int frames = states.size();
        float[] x = new float[frames * dim];
        for (int t = 0; t < frames; t++) {
            DiagonalGmm gmm = model.gmm(states.get(t));
            double u = r.nextDouble();
            int k = 0;
            while (k + 1 < gmm.components() && u > gmm.weight(k)) u -= gmm.weight(k++);
            for (int d = 0; d < dim; d++) {
                x[t * dim + d] = (float) (gmm.mean(k, d) + Math.sqrt(gmm.variance(k, d)) * r.nextGaussian());
            }
        }
        return new Line(text, x, frames);
    }

    private static void walk(CharacterHmms hmms, int c, Random r, List<Integer> states) {
        int n = hmms.stateCount(c);
        int s = 0;
        while (s < n) {
            int g = hmms.stateIndex(c, s);
            states.add(g);
            double u = r.nextDouble();
            double self = Math.exp(hmms.logSelfLoop(c, s));
            double skip = Math.exp(hmms.logSkip(c, s));
            if (u < self) continue;
            s += u < self + skip ? 2 : 1;
        }
    }

    /** The full frame-score matrix of a line, as the GMM-HMM optical model produces it. */
    public FrameScores score(Line line) {
        float[] scores = model.stateLogLikelihoods(line.features(), line.frames());
        return new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, line.frames(), model.states(), scores,
                model.hmms().alphabet(), model.hmms(), FrameScores.evenPositions(line.frames(), 2 * line.frames()),
                2 * line.frames());
    }

    /** Levenshtein distance between two strings, in characters. */
    public static int editDistance(String a, String b) {
        return dev.ductus.api.train.TrainingOptionKeys.editDistance(a, b);
    }
}
