package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.api.lm.Lexicon;
import dev.ductus.lm.lexicon.LexiconTrie;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconTrieTest {
    private final LexiconTrie trie = new LexiconTrie(List.of("the", "then", "there", "a", "an", "th", "the", "\u00e9t\u00e9", "\ud835\udc9c"));

    @Test
    void wordsAreFoundByWalkingTheirCodePoints() {
        assertEquals(8, trie.size(), "the duplicate 'the' is dropped");
        for (int id = 0; id < trie.size(); id++) {
            String w = trie.word(id);
            assertEquals(id, trie.wordId(w), w);
            int node = Lexicon.ROOT;
            for (int cp : w.codePoints().toArray()) node = trie.child(node, cp);
            assertEquals(id, trie.wordAt(node), w);
        }
        assertEquals(-1, trie.wordId("thee"));
        assertEquals(-1, trie.wordId("t"), "a prefix that is not a word");
        assertEquals(-1, trie.wordId(""));
    }

    @Test
    void prefixesBranchAndEndWhereWordsDo() {
        int t = trie.child(Lexicon.ROOT, 't');
        int th = trie.child(t, 'h');
        int the = trie.child(th, 'e');
        assertEquals(-1, trie.wordAt(t));
        assertEquals(trie.wordId("th"), trie.wordAt(th));
        assertArrayEquals(new int[] {'n', 'r'}, trie.childCodePoints(the));
        assertEquals(-1, trie.child(the, 'x'));
        assertArrayEquals(new int[] {'a', 't', 0xe9, 0x1d49c}, trie.childCodePoints(Lexicon.ROOT));
        // root + t,h,e,n,r,e + a,n + é,t,é + 𝒜
        assertEquals(1 + 6 + 2 + 3 + 1, trie.nodes());
    }
}
