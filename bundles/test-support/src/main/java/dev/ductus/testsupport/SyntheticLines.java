package dev.ductus.testsupport;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Lines of three made-up glyphs and spaces, drawn so a small network can learn them in seconds. */
public final class SyntheticLines {
    public static final int HEIGHT = 16;

    private SyntheticLines() {
    }

    /** n lines of 2-5 glyphs from "abc" with the odd space, named "synthetic" (sources "synthetic:split-i"). */
    public static Dataset dataset(String split, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>();
        String symbols = "abc";
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            int len = 2 + rnd.nextInt(4);
            for (int j = 0; j < len; j++) {
                if (j > 0 && rnd.nextInt(4) == 0) text.append(' ');
                text.append(symbols.charAt(rnd.nextInt(3)));
            }
            String t = text.toString();
            GrayImage im = render(t, rnd.nextInt(3));
            samples.add(new Sample(split + "-" + i, t, "synthetic:" + split + "-" + i, () -> im));
        }
        return new ListDataset("synthetic", split, samples);
    }

    /** a: full-height block; b: two thin bars; c: lower-half block; space: gap. {@link #HEIGHT} rows. */
    public static GrayImage render(String text, int jitter) {
        int w = 4 + jitter;
        for (char ch : text.toCharArray()) w += ch == ' ' ? 6 : 9;
        float[] p = new float[w * HEIGHT];
        Arrays.fill(p, 1f);
        int x = 2 + jitter;
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case 'a' -> fill(p, w, x, 2, x + 6, 14);
                case 'b' -> {
                    fill(p, w, x, 2, x + 2, 14);
                    fill(p, w, x + 4, 2, x + 6, 14);
                }
                case 'c' -> fill(p, w, x, 8, x + 6, 14);
                default -> {
                }
            }
            x += ch == ' ' ? 6 : 9;
        }
        return new GrayImage(w, HEIGHT, p);
    }

    private static void fill(float[] p, int w, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) p[y * w + x] = 0f;
    }

    /** Per column: ink in a number of horizontal bands (a tiny but genuine sliding-window extractor). */
    public static final class BandFeatures implements FeatureExtractor {
        private final int bands;

        public BandFeatures(int bands) {
            this.bands = bands;
        }

        @Override
        public String spec() {
            return "bands:" + bands;
        }

        @Override
        public int dimension() {
            return bands;
        }

        @Override
        public FeatureSequence extract(GrayImage line) {
            int w = line.width();
            float[] d = new float[w * bands];
            float[] x = new float[w];
            for (int c = 0; c < w; c++) {
                x[c] = c + 0.5f;
                for (int y = 0; y < line.height(); y++) d[c * bands + y * bands / line.height()] += 1 - line.get(c, y);
            }
            return new FeatureSequence(w, bands, d, x, spec());
        }
    }
}
