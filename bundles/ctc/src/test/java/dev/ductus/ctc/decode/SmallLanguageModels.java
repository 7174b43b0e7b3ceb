package dev.ductus.ctc.decode;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tiny but genuine language models for decoder tests: a smoothed character bigram and a word unigram. */
final class SmallLanguageModels {
    private SmallLanguageModels() {
    }

    /** The previous token as the state. */
    record Previous(String token) implements LmState {
    }

    /** Character bigram with add-one smoothing over a given symbol set (plus the end), trained on texts. */
    static LanguageModel charBigram(List<String> texts, List<String> symbols) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (String text : texts) {
            String prev = "<s>";
            for (int i = 0; i < text.length(); ) {
                String c = new String(Character.toChars(text.codePointAt(i)));
                i += c.length();
                counts.computeIfAbsent(prev, k -> new HashMap<>()).merge(c, 1, Integer::sum);
                prev = c;
            }
            counts.computeIfAbsent(prev, k -> new HashMap<>()).merge("</s>", 1, Integer::sum);
        }
        int v = symbols.size() + 1;
        return new LanguageModel() {
            double p(String prev, String c) {
                Map<String, Integer> m = counts.getOrDefault(prev, Map.of());
                int total = m.values().stream().mapToInt(Integer::intValue).sum();
                return Math.log((m.getOrDefault(c, 0) + 1.0) / (total + v));
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
                return new LmScore(p(((Previous) state).token(), token), new Previous(token));
            }

            @Override
            public double end(LmState state) {
                return p(((Previous) state).token(), "</s>");
            }

            @Override
            public boolean contains(String token) {
                return symbols.contains(token);
            }

            @Override
            public Lexicon lexicon() {
                return null;
            }
        };
    }

    /** Word unigram: probabilities given per word, {@code <unk>} for the rest; its vocabulary as a trie. */
    static LanguageModel wordUnigram(Map<String, Double> probabilities, double unk, double end) {
        Trie trie = new Trie(new ArrayList<>(probabilities.keySet()));
        return new LanguageModel() {
            @Override
            public LmUnit unit() {
                return LmUnit.WORD;
            }

            @Override
            public int order() {
                return 1;
            }

            @Override
            public LmState start() {
                return new Previous("<s>");
            }

            @Override
            public LmScore score(LmState state, String token) {
                return new LmScore(Math.log(probabilities.getOrDefault(token, unk)), new Previous(""));
            }

            @Override
            public double end(LmState state) {
                return Math.log(end);
            }

            @Override
            public boolean contains(String token) {
                return probabilities.containsKey(token);
            }

            @Override
            public Lexicon lexicon() {
                return trie;
            }
        };
    }

    static final class Trie implements Lexicon {
        private final List<Map<Integer, Integer>> next = new ArrayList<>();
        private final List<Integer> wordAt = new ArrayList<>();
        private final List<String> words;

        Trie(List<String> words) {
            this.words = words;
            next.add(new HashMap<>());
            wordAt.add(-1);
            for (int w = 0; w < words.size(); w++) {
                int node = ROOT;
                String word = words.get(w);
                for (int i = 0; i < word.length(); ) {
                    int cp = word.codePointAt(i);
                    i += Character.charCount(cp);
                    Integer n = next.get(node).get(cp);
                    if (n == null) {
                        n = next.size();
                        next.add(new HashMap<>());
                        wordAt.add(-1);
                        next.get(node).put(cp, n);
                    }
                    node = n;
                }
                wordAt.set(node, w);
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
            return next.get(node).getOrDefault(codePoint, -1);
        }

        @Override
        public int wordAt(int node) {
            return wordAt.get(node);
        }
    }
}
