package dev.ductus.api.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols a model recognises, each a Unicode code point written as a string (" " is the word space).
 * Index 0.. size()-1. CTC models put their blank in front: {@link #withBlank()} shifts every symbol by one.
 */
public final class Alphabet {
    private final List<String> symbols;
    private final Map<String, Integer> index = new HashMap<>();

    public Alphabet(List<String> symbols) {
        this.symbols = List.copyOf(symbols);
        for (int i = 0; i < this.symbols.size(); i++) {
            if (index.put(this.symbols.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate symbol '" + this.symbols.get(i) + "'");
            }
        }
    }

    /** The alphabet of every distinct code point in the texts, sorted. */
    public static Alphabet of(Iterable<String> texts) {
        java.util.TreeSet<String> set = new java.util.TreeSet<>();
        for (String t : texts) {
            t.codePoints().forEach(cp -> set.add(new String(Character.toChars(cp))));
        }
        set.remove("\n");
        return new Alphabet(new ArrayList<>(set));
    }

    /** Parses the form written by {@link #serialize()}: code points in hex separated by spaces. */
    public static Alphabet parse(String s) {
        List<String> out = new ArrayList<>();
        for (String hex : s.trim().split("\\s+")) {
            if (!hex.isEmpty()) out.add(new String(Character.toChars(Integer.parseInt(hex, 16))));
        }
        return new Alphabet(out);
    }

    public String serialize() {
        StringBuilder sb = new StringBuilder();
        for (String sym : symbols) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(Integer.toHexString(sym.codePointAt(0)));
        }
        return sb.toString();
    }

    public int size() {
        return symbols.size();
    }

    public String symbol(int i) {
        return symbols.get(i);
    }

    public List<String> symbols() {
        return Collections.unmodifiableList(symbols);
    }

    /** Index of the symbol, or -1. */
    public int indexOf(String symbol) {
        Integer i = index.get(symbol);
        return i == null ? -1 : i;
    }

    public boolean contains(String symbol) {
        return index.containsKey(symbol);
    }

    /** The code points of text as indices; code points not in the alphabet are skipped. */
    public int[] encode(String text) {
        return text.codePoints().map(cp -> indexOf(new String(Character.toChars(cp)))).filter(i -> i >= 0).toArray();
    }

    public String decode(int[] labels) {
        StringBuilder sb = new StringBuilder();
        for (int l : labels) sb.append(symbols.get(l));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Alphabet a && a.symbols.equals(symbols);
    }

    @Override
    public int hashCode() {
        return symbols.hashCode();
    }

    @Override
    public String toString() {
        return "Alphabet" + symbols;
    }
}
