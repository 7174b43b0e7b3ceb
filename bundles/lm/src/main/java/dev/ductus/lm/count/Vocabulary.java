package dev.ductus.lm.count;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word strings and their int ids. The three special tokens always take ids 0-2, so counting code can test
 * for them without a lookup.
 */
public final class Vocabulary {
    public static final String UNK = "<unk>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final int UNK_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;

    private final List<String> words = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    public Vocabulary() {
        add(UNK);
        add(BOS);
        add(EOS);
    }

    /** A vocabulary of the special tokens and {@code words}, in that order (duplicates ignored). */
    public static Vocabulary of(Collection<String> words) {
        Vocabulary v = new Vocabulary();
        for (String w : words) v.add(w);
        return v;
    }

    /** The id of the word, adding it when new. */
    public int add(String word) {
        Integer id = ids.get(word);
        if (id != null) return id;
        int next = words.size();
        words.add(word);
        ids.put(word, next);
        return next;
    }

    /** The id of the word, or {@link #UNK_ID} when it is not in the vocabulary. */
    public int idOrUnk(String word) {
        Integer id = ids.get(word);
        return id == null ? UNK_ID : id;
    }

    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    public String word(int id) {
        return words.get(id);
    }

    public int size() {
        return words.size();
    }

    public String[] toArray() {
        return words.toArray(new String[0]);
    }
}
