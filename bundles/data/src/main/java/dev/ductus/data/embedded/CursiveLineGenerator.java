package dev.ductus.data.embedded;

import dev.ductus.data.synth.FontCatalog;
import dev.ductus.data.synth.HandwritingFont;
import dev.ductus.data.synth.HandwritingRenderer;
import dev.ductus.data.synth.WritingStyle;
import dev.ductus.data.text.CorpusSplits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Handwriting-style text lines: corpus lines of the split (in a seeded shuffled order, so consecutive samples
 * come from different documents) written by the split's fonts in turn. A text a font cannot draw goes to the
 * next font of the split; a text no font of the split can draw is replaced by the next text.
 */
public final class CursiveLineGenerator implements SampleGenerator {
    private final FontCatalog fonts;
    private final CorpusSplits corpus;
    private final long seed;
    private final double strength;
    private final Map<String, int[]> order = new HashMap<>();

    /** @param strength distortion strength: 0 clean, 1 default */
    public CursiveLineGenerator(FontCatalog fonts, CorpusSplits corpus, long seed, double strength) {
        this.fonts = fonts;
        this.corpus = corpus;
        this.seed = seed;
        this.strength = strength;
        for (String split : CorpusSplits.SPLITS) {
            order.put(split, Shuffle.permutation(corpus.lines(split).size(), seed ^ split.hashCode()));
        }
    }

    @Override
    public GeneratedSample generate(String split, int index) {
        List<String> lines = corpus.lines(split);
        List<HandwritingFont> writers = fonts.fonts(split);
        int[] perm = order.get(split);
        if (lines.isEmpty()) throw new IllegalStateException("no text lines for split " + split);
        SplittableRandom r = new SplittableRandom(SampleGenerator.sampleSeed(seed, split, index));
        for (int attempt = 0; attempt < lines.size(); attempt++) {
            String text = lines.get(perm[(index + attempt * 7919) % perm.length]);
            for (int k = 0; k < writers.size(); k++) {
                HandwritingFont writer = writers.get((index + k) % writers.size());
                if (!writer.canDraw(text)) continue;
                WritingStyle style = WritingStyle.sample(r, strength);
                HandwritingRenderer.InkLine line = HandwritingRenderer.render(text, writer, style, r);
                float[] gray = style.paper().render(line.ink(), r);
                return new GeneratedSample(line.ink().width(), line.ink().height(), gray, text, List.of(),
                        "font=" + writer.writer());
            }
        }
        throw new IllegalStateException("no font of split " + split + " can draw any of its texts");
    }
}
