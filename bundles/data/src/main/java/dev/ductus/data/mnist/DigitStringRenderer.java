package dev.ductus.data.mnist;

import dev.ductus.data.synth.InkMap;
import dev.ductus.data.synth.PaperAndInk;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a digit-string line, like a cheque amount, from real MNIST digits: 3-12 digits, each scaled from
 * 28 px to the line's digit size (with per-digit scale changes and vertical offsets), spaced from touching or
 * overlapping to wide, with optional spaces (wider gaps that the transcription marks with " ").
 */
public final class DigitStringRenderer {
    /** One rendered line and the file indices of the digits it is made of. */
    public record DigitLine(int width, int height, float[] gray, String text, int[] indices) {
    }

    private final DigitImages images;
    private final int from;
    private final int to;

    /** Draws digits from file indices [from, to) of {@code images} only. */
    public DigitStringRenderer(DigitImages images, int from, int to) {
        if (to <= from || to > images.count()) throw new IllegalArgumentException("bad index range " + from + ".." + to);
        this.images = images;
        this.from = from;
        this.to = to;
    }

    public DigitLine render(SplittableRandom r, boolean clean) {
        int n = 3 + r.nextInt(10);
        boolean spaces = r.nextDouble() < 0.4;
        double size = 28 * (1.7 + 0.9 * r.nextDouble());
        double baseGap = -0.15 + 0.45 * r.nextDouble();
        List<InkMap> digits = new ArrayList<>();
        int[] indices = new int[n];
        int[] dy = new int[n];
        int[] gapBefore = new int[n];
        StringBuilder text = new StringBuilder();
        boolean lastWasSpace = false;
        int x = 0;
        int maxHeight = 0;
        for (int i = 0; i < n; i++) {
            int index = from + r.nextInt(to - from);
            indices[i] = index;
            double scale = clean ? 1 : 0.88 + 0.24 * r.nextDouble();
            int s = Math.max(8, (int) Math.round(size * scale));
            InkMap digit = scaledDigit(index, s);
            boolean space = spaces && i > 0 && !lastWasSpace && r.nextDouble() < 0.2;
            if (i > 0) {
                double gap = space ? 0.9 + 0.7 * r.nextDouble() : baseGap + (clean ? 0 : 0.15 * (2 * r.nextDouble() - 1));
                if (space) text.append(' ');
                gapBefore[i] = (int) Math.round(gap * size * 0.55);
            }
            lastWasSpace = space;
            text.append((char) ('0' + images.label(index - images.firstIndex())));
            dy[i] = clean ? 0 : (int) Math.round((2 * r.nextDouble() - 1) * 0.08 * size);
            digits.add(digit);
            maxHeight = Math.max(maxHeight, digit.height());
        }
        int margin = 4 + r.nextInt(10);
        int[] xs = new int[n];
        int minX = 0, maxX = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) x += gapBefore[i];
            xs[i] = x;
            minX = Math.min(minX, x);
            x += digits.get(i).width();
            maxX = Math.max(maxX, x);
        }
        int extra = (int) Math.ceil(0.1 * size);
        int width = maxX - minX + 2 * margin;
        int height = maxHeight + 2 * margin + 2 * extra;
        InkMap line = new InkMap(width, height);
        for (int i = 0; i < n; i++) {
            InkMap d = digits.get(i);
            line.stamp(d, xs[i] - minX + margin, margin + extra + (maxHeight - d.height()) / 2 + dy[i]);
        }
        PaperAndInk look = PaperAndInk.sample(r, clean ? 0 : 0.5);
        return new DigitLine(width, height, look.render(line, r), text.toString(), indices);
    }

    /** The digit's ink, cropped to its columns with ink (rows keep the 28-px frame so digits share a baseline). */
    private InkMap trimmed(int index) {
        int i = index - images.firstIndex();
        int rows = images.rows();
        int cols = images.cols();
        int first = cols, last = -1;
        for (int x = 0; x < cols; x++) {
            for (int y = 0; y < rows; y++) {
                if (images.ink(i, x, y) > 0.1f) {
                    first = Math.min(first, x);
                    last = Math.max(last, x);
                }
            }
        }
        if (last < 0) {
            first = 0;
            last = cols - 1;
        }
        int w = last - first + 1;
        float[] ink = new float[w * rows];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < w; x++) ink[y * w + x] = images.ink(i, x + first, y);
        }
        return new InkMap(w, rows, ink);
    }

    private InkMap scaledDigit(int index, int size) {
        InkMap t = trimmed(index);
        int h = size;
        int w = Math.max(1, (int) Math.round((double) t.width() * size / t.height()));
        return t.scaled(w, h);
    }
}
