package dev.ductus.image.preprocess;

import java.util.Arrays;

/**
 * Gives the ink of a page to its text lines, whole connected components at a time. A component goes to the line
 * whose core (the dense middle of its band) holds most of its pixels, so a descender hanging into the next line's
 * band stays with its own word. A component taller than a line with a fair share of its ink in a second band
 * (letters of two lines that touch) is first cut along the band edges into pieces, which are then placed like
 * components. A component or piece with less than a third of its pixels in any core (an i-dot, a comma, a broken
 * off bit of a thin descender) follows the nearest ink that was placed by its core, or, with none within half a
 * line, the band holding most of its pixels.
 */
final class ComponentAssignment {
    /** The band share above which a tall component counts as belonging to two lines. */
    private static final double SPLIT_SHARE = 0.2;
    /** The share of its pixels a component needs in a line's core to be placed by it. */
    private static final double ANCHOR_SHARE = 1.0 / 3;

    private final InkMask mask;
    private final int[] bin;
    private final LineBands.Bands bands;
    private final int[] bandOfBin;
    private final boolean[] inCore;
    private final double lineHeight;
    private ConnectedComponents cc;
    private boolean[] kept;

    /**
     * @param bin each ink pixel's position across the lines (profile index)
     * @param bins the profile length
     */
    ComponentAssignment(InkMask mask, ConnectedComponents cc, boolean[] kept, int[] bin, int bins, LineBands.Bands bands) {
        this.mask = mask;
        this.cc = cc;
        this.kept = kept;
        this.bin = bin;
        this.bands = bands;
        bandOfBin = new int[bins];
        inCore = new boolean[bins];
        for (int i = 0; i < bins; i++) {
            int b = bands.bandOf(i);
            bandOfBin[i] = b;
            inCore[i] = i >= bands.coreStart()[b] && i < bands.coreEnd()[b];
        }
        lineHeight = typicalPitch(bands);
    }

    /** The line of every pixel, -1 for paper and dust. */
    int[] owners() {
        Counts counts = new Counts();
        boolean anySplit = false;
        int[] group = new int[mask.flags().length];
        boolean[] split = new boolean[cc.count() + 1];
        for (int l = 1; l <= cc.count(); l++) {
            split[l] = kept[l] && counts.spansTwoLines(l);
            anySplit |= split[l];
        }
        if (anySplit) {
            int[] labels = cc.labels();
            for (int p = 0; p < labels.length; p++) {
                if (labels[p] != 0 && split[labels[p]]) group[p] = 1 + bandOfBin[bin[p]];
            }
            boolean[] parentKept = kept;
            int[] parentLabels = labels;
            cc = ConnectedComponents.label(mask, group);
            kept = new boolean[cc.count() + 1];
            int[] pieceLabels = cc.labels();
            for (int p = 0; p < pieceLabels.length; p++) {
                if (pieceLabels[p] != 0) kept[pieceLabels[p]] = parentKept[parentLabels[p]];
            }
            counts = new Counts();
        }
        return place(counts);
    }

    private int[] place(Counts counts) {
        int nc = cc.count();
        int nb = bands.count();
        int[] line = new int[nc + 1];
        boolean[] anchored = new boolean[nc + 1];
        for (int l = 1; l <= nc; l++) {
            if (!kept[l]) continue;
            int byCore = argmax(counts.perCore, l * nb, nb);
            anchored[l] = counts.perCore[l * nb + byCore] >= ANCHOR_SHARE * cc.size(l);
            line[l] = anchored[l] ? byCore : argmax(counts.perBand, l * nb, nb);
        }
        int[] labels = cc.labels();
        int[] owner = new int[labels.length];
        for (int p = 0; p < labels.length; p++) {
            int l = labels[p];
            owner[p] = l != 0 && kept[l] && anchored[l] ? line[l] : -1;
        }
        int reach = Double.isInfinite(lineHeight) ? 0 : (int) Math.ceil(lineHeight / 2);
        for (int l = 1; l <= nc; l++) {
            if (!kept[l] || anchored[l]) continue;
            int near = nearestLine(l, owner, reach);
            if (near >= 0) line[l] = near;
        }
        for (int p = 0; p < labels.length; p++) {
            int l = labels[p];
            if (l != 0 && kept[l] && !anchored[l]) owner[p] = line[l];
        }
        return owner;
    }

    /** The line of the anchored ink nearest to a component's box, within {@code reach} pixels; -1 if none. */
    private int nearestLine(int label, int[] owner, int reach) {
        if (reach <= 0) return -1;
        int width = mask.width();
        int height = mask.height();
        int x0 = cc.minX(label);
        int x1 = cc.maxX(label);
        int y0 = cc.minY(label);
        int y1 = cc.maxY(label);
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int y = Math.max(0, y0 - reach); y <= Math.min(height - 1, y1 + reach); y++) {
            int dy = y < y0 ? y0 - y : y > y1 ? y - y1 : 0;
            for (int x = Math.max(0, x0 - reach); x <= Math.min(width - 1, x1 + reach); x++) {
                int line = owner[y * width + x];
                if (line < 0) continue;
                int dx = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
                long d = (long) dx * dx + (long) dy * dy;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = line;
                }
            }
        }
        return best;
    }

    private static int argmax(int[] values, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (values[from + i] > values[from + best]) best = i;
        return best;
    }

    private static double typicalPitch(LineBands.Bands bands) {
        int[] peaks = bands.peaks();
        if (peaks.length < 2) return Double.POSITIVE_INFINITY;
        double[] gaps = new double[peaks.length - 1];
        for (int i = 0; i < gaps.length; i++) gaps[i] = peaks[i + 1] - peaks[i];
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    /** Pixels of every current component per band and per line core, and its extent across the lines. */
    private final class Counts {
        final int[] perBand;
        final int[] perCore;
        final int[] minBin;
        final int[] maxBin;

        Counts() {
            int nb = bands.count();
            int nc = cc.count();
            perBand = new int[(nc + 1) * nb];
            perCore = new int[(nc + 1) * nb];
            minBin = new int[nc + 1];
            maxBin = new int[nc + 1];
            Arrays.fill(minBin, Integer.MAX_VALUE);
            Arrays.fill(maxBin, Integer.MIN_VALUE);
            int[] labels = cc.labels();
            for (int p = 0; p < labels.length; p++) {
                int l = labels[p];
                if (l == 0 || !kept[l]) continue;
                int b = bin[p];
                perBand[l * nb + bandOfBin[b]]++;
                if (inCore[b]) perCore[l * nb + bandOfBin[b]]++;
                minBin[l] = Math.min(minBin[l], b);
                maxBin[l] = Math.max(maxBin[l], b);
            }
        }

        boolean spansTwoLines(int l) {
            int nb = bands.count();
            int first = argmax(perBand, l * nb, nb);
            int second = -1;
            for (int b = 0; b < nb; b++) {
                if (b != first && (second < 0 || perBand[l * nb + b] > perBand[l * nb + second])) second = b;
            }
            return second >= 0 && maxBin[l] - minBin[l] + 1 > 1.1 * lineHeight
                    && perBand[l * nb + second] >= SPLIT_SHARE * cc.size(l);
        }
    }
}
