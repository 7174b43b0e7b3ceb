package dev.ductus.gmmhmm.train;

/**
 * Character and word error rates accumulated over lines: Levenshtein distance between hypothesis and
 * reference (characters as code points, words split at spaces) over the reference length.
 */
public final class ErrorRates {
    private long charErrors;
    private long chars;
    private long wordErrors;
    private long words;
    private int lines;

    public void add(String reference, String hypothesis) {
        int[] r = reference.codePoints().toArray();
        int[] h = hypothesis.codePoints().toArray();
        charErrors += distance(r, h);
        chars += r.length;
        String[] rw = reference.isBlank() ? new String[0] : reference.trim().split("\\s+");
        String[] hw = hypothesis.isBlank() ? new String[0] : hypothesis.trim().split("\\s+");
        wordErrors += distance(ids(rw, rw, hw), ids(hw, rw, hw));
        words += rw.length;
        lines++;
    }

    private static int[] ids(String[] which, String[] a, String[] b) {
        java.util.Map<String, Integer> id = new java.util.HashMap<>();
        for (String s : a) id.putIfAbsent(s, id.size());
        for (String s : b) id.putIfAbsent(s, id.size());
        int[] out = new int[which.length];
        for (int i = 0; i < which.length; i++) out[i] = id.get(which[i]);
        return out;
    }

    /** Levenshtein distance with unit costs. */
    static int distance(int[] a, int[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) prev[j] = j;
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }

    public double cer() {
        return chars == 0 ? Double.NaN : (double) charErrors / chars;
    }

    public double wer() {
        return words == 0 ? Double.NaN : (double) wordErrors / words;
    }

    public int lines() {
        return lines;
    }

    public ErrorRates merge(ErrorRates o) {
        charErrors += o.charErrors;
        chars += o.chars;
        wordErrors += o.wordErrors;
        words += o.words;
        lines += o.lines;
        return this;
    }
}
