package dev.ductus.ctc.train;

import java.util.ArrayList;
import java.util.List;

/** Character and word error counts (Levenshtein over code points and over whitespace-separated words). */
public final class TextErrors {
    private long charEdits;
    private long charRef;
    private long wordEdits;
    private long wordRef;

    public void add(String reference, String hypothesis) {
        int[] r = reference.codePoints().toArray();
        int[] h = hypothesis.codePoints().toArray();
        charEdits += distance(r, h);
        charRef += r.length;
        List<String> rw = words(reference);
        List<String> hw = words(hypothesis);
        List<String> all = new ArrayList<>(rw);
        all.addAll(hw);
        int[] ri = rw.stream().mapToInt(all::indexOf).toArray();
        int[] hi = hw.stream().mapToInt(all::indexOf).toArray();
        wordEdits += distance(ri, hi);
        wordRef += rw.size();
    }

    public double cer() {
        return charRef == 0 ? 0 : (double) charEdits / charRef;
    }

    public double wer() {
        return wordRef == 0 ? 0 : (double) wordEdits / wordRef;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    static int distance(int[] a, int[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) prev[j] = j;
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }
}
