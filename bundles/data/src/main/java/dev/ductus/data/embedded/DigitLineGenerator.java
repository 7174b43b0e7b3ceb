package dev.ductus.data.embedded;

import dev.ductus.data.mnist.DigitStringRenderer;
import dev.ductus.data.mnist.MnistSplits;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/** Digit strings from real MNIST handwriting, each split drawing only from its own MNIST indices. */
public final class DigitLineGenerator implements SampleGenerator {
    private final MnistSplits mnist;
    private final long seed;
    private final boolean clean;

    public DigitLineGenerator(MnistSplits mnist, long seed, boolean clean) {
        this.mnist = mnist;
        this.seed = seed;
        this.clean = clean;
    }

    @Override
    public GeneratedSample generate(String split, int index) {
        DigitStringRenderer renderer = new DigitStringRenderer(mnist.images(split), mnist.from(split), mnist.to(split));
        SplittableRandom r = new SplittableRandom(SampleGenerator.sampleSeed(seed, split, index));
        DigitStringRenderer.DigitLine line = renderer.render(r, clean);
        String indices = Arrays.stream(line.indices()).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return new GeneratedSample(line.width(), line.height(), line.gray(), line.text(), List.of(),
                "mnist=" + mnist.fileName(split) + ":" + indices);
    }
}
