package dev.ductus.api.lm;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The vocabulary as a prefix trie over code points, for vocabulary-constrained decoding. Nodes and words are
 * small integers; node 0 is the root.
 */
@ProviderType
public interface Lexicon {
    int ROOT = 0;

    /** Number of words. */
    int size();

    String word(int wordId);

    /** The word's id, or -1 when it is not in the vocabulary. */
    int wordId(String word);

    /** The node reached from {@code node} by the code point, or -1. */
    int child(int node, int codePoint);

    /** The id of the word that ends at this node, or -1. */
    int wordAt(int node);
}
