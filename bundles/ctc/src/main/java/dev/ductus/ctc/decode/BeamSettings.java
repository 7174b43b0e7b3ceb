package dev.ductus.ctc.decode;

/**
 * Prefix beam search settings: beam width; LM weight (scale of the natural-log LM score); insertion bonus
 * (added per LM token: per character with a character LM or none, per word with a word LM); vocabulary mode
 * (open, or constrained to the word LM's lexicon); and the per-frame pruning of classes whose log-posterior is
 * below {@code pruneLogProb} (the best class of a frame is always tried).
 */
public record BeamSettings(int beam, double lmWeight, double insertionBonus, VocabularyMode mode, double pruneLogProb) {
    /** Open vocabulary, or words restricted to the language model's lexicon trie. */
    public enum VocabularyMode {
        OPEN, LEXICON;

        public static VocabularyMode parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "open" -> OPEN;
                case "lexicon" -> LEXICON;
                default -> throw new IllegalArgumentException("mode must be open or lexicon, got '" + s + "'");
            };
        }
    }

    public BeamSettings {
        if (beam < 1) throw new IllegalArgumentException("beam must be at least 1, got " + beam);
        if (!(lmWeight >= 0)) throw new IllegalArgumentException("lm.weight must be >= 0, got " + lmWeight);
    }

    public static BeamSettings defaults() {
        return new BeamSettings(16, 0.5, 0.0, VocabularyMode.OPEN, Math.log(1e-3));
    }
}
