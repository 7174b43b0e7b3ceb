package dev.ductus.data.embedded;

import dev.ductus.api.Box;
import dev.ductus.data.synth.FontCatalog;
import dev.ductus.data.synth.HandwritingFont;
import dev.ductus.data.synth.HandwritingRenderer;
import dev.ductus.data.synth.InkMap;
import dev.ductus.data.synth.WritingStyle;
import dev.ductus.data.text.CorpusSplits;
import dev.ductus.data.text.LineCutter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Paragraph images of 3-8 lines by one writer: consecutive text of one document of the split, re-cut to an
 * even column width, each line written with the writer's style (varying a little from line to line), placed
 * one below the other with a writer-specific line spacing, then put on one sheet of paper. The ground truth
 * is the lines joined by "\n"; the line boxes are the ink boxes of each line on the page.
 */
public final class ParagraphGenerator implements SampleGenerator {
    private final FontCatalog fonts;
    private final CorpusSplits corpus;
    private final long seed;
    private final double strength;

    public ParagraphGenerator(FontCatalog fonts, CorpusSplits corpus, long seed, double strength) {
        this.fonts = fonts;
        this.corpus = corpus;
        this.seed = seed;
        this.strength = strength;
    }

    @Override
    public GeneratedSample generate(String split, int index) {
        List<CorpusSplits.Passage> passages = corpus.passages(split);
        List<HandwritingFont> writers = fonts.fonts(split);
        if (passages.isEmpty()) throw new IllegalStateException("no documents for split " + split);
        SplittableRandom r = new SplittableRandom(SampleGenerator.sampleSeed(seed, split, index));
        for (int attempt = 0; attempt < 100; attempt++) {
            CorpusSplits.Passage passage = passages.get(r.nextInt(passages.size()));
            int count = 3 + r.nextInt(6);
            List<String> text = text(passage, count, r);
            if (text.size() < count) continue;
            for (int k = 0; k < writers.size(); k++) {
                HandwritingFont writer = writers.get((index + k) % writers.size());
                if (text.stream().allMatch(writer::canDraw)) return compose(text, writer, passage.document(), r);
            }
        }
        throw new IllegalStateException("no paragraph text drawable by the fonts of split " + split);
    }

    private static List<String> text(CorpusSplits.Passage passage, int count, SplittableRandom r) {
        List<String> source = passage.lines();
        int start = r.nextInt(source.size());
        StringBuilder joined = new StringBuilder();
        for (int i = start; i < source.size() && joined.length() < count * 70; i++) {
            if (joined.length() > 0) joined.append(' ');
            joined.append(source.get(i));
        }
        List<String> lines = LineCutter.cutEven(joined.toString(), 30 + r.nextInt(26), r);
        // The last line of a cut may be a short remainder: only full lines are kept.
        return lines.size() > count ? lines.subList(0, count) : List.of();
    }

    private GeneratedSample compose(List<String> text, HandwritingFont writer, String document, SplittableRandom r) {
        WritingStyle style = WritingStyle.sample(r, strength);
        double leading = style.xHeight() * (2.7 + 0.9 * r.nextDouble());
        int margin = (int) Math.round(style.xHeight() * (0.8 + 1.2 * r.nextDouble()));
        List<HandwritingRenderer.InkLine> lines = new ArrayList<>();
        WritingStyle current = style;
        for (int i = 0; i < text.size(); i++) {
            if (i > 0) current = current.nextLine(r);
            lines.add(HandwritingRenderer.render(text.get(i), writer, current, r));
        }
        // Fonts with tall ascenders and deep descenders need more room than their x-height suggests.
        int[] inkHeights = lines.stream().mapToInt(l -> l.ink().inkBox(0.05f).height()).sorted().toArray();
        leading = Math.max(leading, 0.72 * inkHeights[inkHeights.length / 2]);
        int[] xs = new int[text.size()];
        int[] ys = new int[text.size()];
        int width = 0;
        int height = 0;
        for (int i = 0; i < text.size(); i++) {
            HandwritingRenderer.InkLine line = lines.get(i);
            int baseline = (int) Math.round(margin + style.xHeight() * 2 + i * leading
                    + (strength > 0 ? 0.08 * style.xHeight() * r.nextGaussian() : 0));
            xs[i] = margin + (strength > 0 ? r.nextInt(Math.max(1, (int) style.xHeight())) : 0);
            ys[i] = baseline - line.baseline();
            width = Math.max(width, xs[i] + line.ink().width());
            height = Math.max(height, ys[i] + line.ink().height());
        }
        int top = Math.min(0, java.util.Arrays.stream(ys).min().orElse(0));
        InkMap page = new InkMap(width + margin, height - top + margin);
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            InkMap ink = lines.get(i).ink();
            page.stamp(ink, xs[i], ys[i] - top);
            Box b = ink.inkBox(0.05f);
            boxes.add(new Box(b.x() + xs[i], b.y() + ys[i] - top, b.width(), b.height()));
        }
        float[] gray = style.paper().render(page, r);
        return new GeneratedSample(page.width(), page.height(), gray, String.join("\n", text), boxes,
                "font=" + writer.writer() + " doc=" + document);
    }
}
