package dev.ductus.lm.arpa;

import dev.ductus.store.AtomicFiles;
import dev.ductus.lm.model.NgramModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a model as an ARPA file in a canonical form: unigrams in vocabulary order, longer n-grams sorted by
 * their word ids, numbers in their shortest exact spelling. Reading such a file assigns the same ids, so
 * writing it again gives the same bytes. A backoff weight is written for every n-gram that is a history of a
 * longer one, and for any other whose weight is not zero.
 */
public final class ArpaWriter {
    private ArpaWriter() {
    }

    public static void write(NgramModel model, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(model, out));
    }

    public static void write(NgramModel model, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int order = model.order();
        w.write("\n\\data\\\n");
        for (int n = 1; n <= order; n++) w.write("ngram " + n + "=" + model.count(n) + "\n");
        StringBuilder sb = new StringBuilder(256);
        int[] words = new int[order];
        for (int n = 1; n <= order; n++) {
            w.write("\n\\" + n + "-grams:\n");
            for (int slot : sortedSlots(model, n)) {
                sb.setLength(0);
                sb.append(ArpaNumbers.format(model.prob(n, slot)));
                model.words(n, slot, words);
                for (int i = 0; i < n; i++) sb.append('\t').append(model.word(words[i]));
                float bow = model.backoff(n, slot);
                if (n < order && (bow != 0f || model.extended(n, slot))) sb.append('\t').append(ArpaNumbers.format(bow));
                sb.append('\n');
                w.append(sb);
            }
        }
        w.write("\n\\end\\\n");
        w.flush();
    }

    /** The occupied slots of order n, ordered by the n-gram's word ids (oldest word first). */
    static int[] sortedSlots(NgramModel model, int n) {
        int count = model.count(n);
        int[] slots = new int[count];
        if (n == 1) {
            for (int i = 0; i < count; i++) slots[i] = i;
            return slots;
        }
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(model.vocabularySize() - 1));
        int[] tmp = new int[n];
        if (bits * n <= 63) {
            // Word ids packed oldest-first into one long sort in the same order as the id sequences.
            long[] packed = new long[count];
            int k = 0;
            for (int s = 0, cap = model.slots(n); s < cap; s++) {
                if (!model.occupied(n, s)) continue;
                model.words(n, s, tmp);
                long key = 0;
                for (int i = 0; i < n; i++) key = (key << bits) | tmp[i];
                packed[k++] = key;
            }
            Arrays.sort(packed);
            long mask = (1L << bits) - 1;
            for (int i = 0; i < count; i++) {
                for (int j = n - 1; j >= 0; j--) tmp[j] = (int) ((packed[i] >>> ((n - 1 - j) * bits)) & mask);
                slots[i] = model.find(tmp);
            }
            return slots;
        }
        int[] rows = new int[count * n];
        int k = 0;
        for (int s = 0, cap = model.slots(n); s < cap; s++) {
            if (!model.occupied(n, s)) continue;
            model.words(n, s, tmp);
            System.arraycopy(tmp, 0, rows, k * n, n);
            slots[k++] = s;
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int ai = a * n;
            int bi = b * n;
            for (int i = 0; i < n; i++) {
                int c = Integer.compare(rows[ai + i], rows[bi + i]);
                if (c != 0) return c;
            }
            return 0;
        });
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = slots[order[i]];
        return out;
    }
}
