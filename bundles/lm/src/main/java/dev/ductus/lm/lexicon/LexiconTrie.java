package dev.ductus.lm.lexicon;

import dev.ductus.api.lm.Lexicon;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The vocabulary as a prefix trie over code points, each word's pronunciation being its own spelling. Nodes
 * are numbered breadth-first (the root is 0) and their children are stored sorted by code point in flat
 * arrays, so a decoder's {@link #child} is a binary search in a few entries and the whole trie is a handful of
 * int arrays. Immutable, hence thread-safe.
 */
public final class LexiconTrie implements Lexicon {
    private final String[] words;
    private final int[] firstChild; // per node, index into childCodePoints/childNodes; length nodes + 1
    private final int[] childCodePoints;
    private final int[] childNodes;
    private final int[] wordAt;

    /** A trie of these words (duplicates and empty strings are dropped; word ids follow the given order). */
    public LexiconTrie(Iterable<String> vocabulary) {
        List<String> list = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String w : vocabulary) if (!w.isEmpty() && seen.add(w)) list.add(w);
        words = list.toArray(new String[0]);

        // Build with maps, then flatten breadth-first.
        List<TreeMap<Integer, Integer>> kids = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        kids.add(new TreeMap<>());
        ends.add(-1);
        for (int id = 0; id < words.length; id++) {
            int node = 0;
            String w = words[id];
            for (int i = 0; i < w.length(); ) {
                int cp = w.codePointAt(i);
                i += Character.charCount(cp);
                Integer next = kids.get(node).get(cp);
                if (next == null) {
                    next = kids.size();
                    kids.add(new TreeMap<>());
                    ends.add(-1);
                    kids.get(node).put(cp, next);
                }
                node = next;
            }
            ends.set(node, id);
        }
        int nodes = kids.size();
        int[] renumber = new int[nodes];
        int[] queue = new int[nodes];
        int head = 0, tail = 0;
        queue[tail++] = 0;
        while (head < tail) {
            int old = queue[head];
            renumber[old] = head++;
            for (int child : kids.get(old).values()) queue[tail++] = child;
        }
        firstChild = new int[nodes + 1];
        childCodePoints = new int[nodes - 1];
        childNodes = new int[nodes - 1];
        wordAt = new int[nodes];
        int edge = 0;
        for (int n = 0; n < nodes; n++) {
            int old = queue[n];
            firstChild[n] = edge;
            wordAt[n] = ends.get(old);
            for (var e : kids.get(old).entrySet()) {
                childCodePoints[edge] = e.getKey();
                childNodes[edge] = renumber[e.getValue()];
                edge++;
            }
        }
        firstChild[nodes] = edge;
    }

    @Override
    public int size() {
        return words.length;
    }

    @Override
    public String word(int wordId) {
        return words[wordId];
    }

    @Override
    public int wordId(String word) {
        int node = ROOT;
        for (int i = 0; i < word.length() && node >= 0; ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            node = child(node, cp);
        }
        return node < 0 ? -1 : wordAt[node];
    }

    @Override
    public int child(int node, int codePoint) {
        int i = Arrays.binarySearch(childCodePoints, firstChild[node], firstChild[node + 1], codePoint);
        return i < 0 ? -1 : childNodes[i];
    }

    @Override
    public int wordAt(int node) {
        return wordAt[node];
    }

    /** Number of nodes, the root included. */
    public int nodes() {
        return wordAt.length;
    }

    /** The code points that continue a word from this node, ascending (for decoders that expand a prefix). */
    public int[] childCodePoints(int node) {
        return Arrays.copyOfRange(childCodePoints, firstChild[node], firstChild[node + 1]);
    }
}
