package dev.ductus.testsupport;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.lm.UnknownWords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Small but real language models for decoder tests: an add-k character bigram and a word unigram. */
public final class TestLanguageModels {
    private TestLanguageModels() {
    }

    /** The previous token as the state. */
    public record Previous(String token) implements LmState {
    }

    /** The single history of a unigram model. */
    public record NoHistory() implements LmState {
    }

    /**
     * Character bigram with add-k smoothing estimated from lines of text; "</s>" ends a line. The vocabulary is
     * either the tokens seen in the lines (with "</s>") or a given symbol set; the smoothing spreads k over the
     * vocabulary plus one.
     */
    public static final class CharBigram implements LanguageModel {
        private final Map<String, Map<String, Integer>> counts = new HashMap<>();
        private final Map<String, Integer> totals = new HashMap<>();
        private final Set<String> vocabulary = new TreeSet<>();
        private final double k;

        /** Over the tokens the lines hold. */
        public CharBigram(List<String> lines, double k) {
            this(lines, k, null);
        }

        /** Over the given symbols (an alphabet's, say), or the tokens the lines hold where symbols is null. */
        public CharBigram(List<String> lines, double k, Collection<String> symbols) {
            this.k = k;
            for (String line : lines) {
                String prev = "<s>";
                List<String> tokens = new ArrayList<>();
                line.codePoints().forEach(cp -> tokens.add(new String(Character.toChars(cp))));
                tokens.add("</s>");
                for (String tok : tokens) {
                    counts.computeIfAbsent(prev, x -> new HashMap<>()).merge(tok, 1, Integer::sum);
                    totals.merge(prev, 1, Integer::sum);
                    if (symbols == null) vocabulary.add(tok);
                    prev = tok;
                }
            }
            if (symbols != null) vocabulary.addAll(symbols);
        }

        private double logProb(String prev, String tok) {
            int c = counts.getOrDefault(prev, Map.of()).getOrDefault(tok, 0);
            int total = totals.getOrDefault(prev, 0);
            return Math.log((c + k) / (total + k * (vocabulary.size() + 1)));
        }

        @Override
        public LmUnit unit() {
            return LmUnit.CHARACTER;
        }

        @Override
        public int order() {
            return 2;
        }

        @Override
        public LmState start() {
            return new Previous("<s>");
        }

        @Override
        public LmScore score(LmState state, String token) {
            String prev = ((Previous) state).token();
            return new LmScore(logProb(prev, token), new Previous(token));
        }

        @Override
        public double end(LmState state) {
            return logProb(((Previous) state).token(), "</s>");
        }

        @Override
        public boolean contains(String token) {
            return vocabulary.contains(token);
        }

        @Override
        public Lexicon lexicon() {
            return null;
        }

        /** log P(text </s>) . */
        public double sentenceLogProb(String text) {
            LmState s = start();
            double sum = 0;
            for (int i = 0; i < text.length(); i++) {
                LmScore sc = score(s, text.substring(i, i + 1));
                sum += sc.logProb();
                s = sc.next();
            }
            return sum + end(s);
        }
    }

    /**
     * Word unigram over given probabilities, {@code unk} for the rest, {@code end} for ending the line; its
     * vocabulary as a trie lexicon. As a HYBRID model unknown words get P(unk) times a uniform spelling over
     * {@code spellingAlphabet} symbols plus an end-of-word symbol.
     */
    public static final class WordUnigram implements LanguageModel {
        private final Map<String, Double> logProbs = new HashMap<>();
        private final TrieLexicon lexicon;
        private final boolean hybrid;
        private final double logUnk;
        private final int spellingAlphabet;
        private final double logEnd;

        /** A closed WORD model. */
        public WordUnigram(Map<String, Double> probabilities, double unk, double end) {
            this(probabilities, unk, end, false, 0);
        }

        public WordUnigram(Map<String, Double> probabilities, double unk, double end, boolean hybrid,
                int spellingAlphabet) {
            probabilities.forEach((w, p) -> logProbs.put(w, Math.log(p)));
            this.lexicon = new TrieLexicon(new ArrayList<>(new TreeSet<>(probabilities.keySet())));
            this.hybrid = hybrid;
            this.logUnk = Math.log(unk);
            this.logEnd = Math.log(end);
            this.spellingAlphabet = spellingAlphabet;
        }

        @Override
        public LmUnit unit() {
            return hybrid ? LmUnit.HYBRID : LmUnit.WORD;
        }

        @Override
        public int order() {
            return 1;
        }

        @Override
        public LmState start() {
            return new NoHistory();
        }

        public double wordLogProb(String word) {
            Double lp = logProbs.get(word);
            if (lp != null) return lp;
            int len = word.codePointCount(0, word.length());
            return hybrid ? logUnk - (len + 1) * Math.log(spellingAlphabet + 1) : logUnk;
        }

        @Override
        public LmScore score(LmState state, String token) {
            return new LmScore(wordLogProb(token), state);
        }

        @Override
        public double end(LmState state) {
            return logEnd;
        }

        @Override
        public boolean contains(String token) {
            return logProbs.containsKey(token);
        }

        @Override
        public Lexicon lexicon() {
            return lexicon;
        }

        /** The uniform spelling, one character at a time: the same total as {@link #wordLogProb}. */
        @Override
        public UnknownWords unknownWords() {
            if (!hybrid) return null;
            double step = -Math.log(spellingAlphabet + 1);
            return new UnknownWords() {
                @Override
                public LmScore unknown(LmState history) {
                    return new LmScore(logUnk, history);
                }

                @Override
                public LmState spellingStart() {
                    return new NoHistory();
                }

                @Override
                public LmScore spell(LmState spelling, String character) {
                    return new LmScore(step, spelling);
                }

                @Override
                public double wordEnd(LmState spelling) {
                    return step;
                }
            };
        }
    }

    /** A prefix trie over code points built from a word list. */
    public static final class TrieLexicon implements Lexicon {
        private final List<String> words;
        private final Map<Long, Integer> children = new HashMap<>();
        private final List<Integer> wordAtNode = new ArrayList<>();

        public TrieLexicon(List<String> words) {
            this.words = List.copyOf(words);
            wordAtNode.add(-1);
            for (int id = 0; id < words.size(); id++) {
                int node = ROOT;
                int[] cps = words.get(id).codePoints().toArray();
                for (int cp : cps) {
                    long key = ((long) node << 21) | cp;
                    Integer child = children.get(key);
                    if (child == null) {
                        child = wordAtNode.size();
                        wordAtNode.add(-1);
                        children.put(key, child);
                    }
                    node = child;
                }
                wordAtNode.set(node, id);
            }
        }

        @Override
        public int size() {
            return words.size();
        }

        @Override
        public String word(int wordId) {
            return words.get(wordId);
        }

        @Override
        public int wordId(String word) {
            return words.indexOf(word);
        }

        @Override
        public int child(int node, int codePoint) {
            return children.getOrDefault(((long) node << 21) | codePoint, -1);
        }

        @Override
        public int wordAt(int node) {
            return wordAtNode.get(node);
        }
    }
}
