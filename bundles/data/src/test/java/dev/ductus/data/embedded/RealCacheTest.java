package dev.ductus.data.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ductus.data.fetch.DataCache;
import dev.ductus.data.fetch.PackCommand;
import dev.ductus.data.fetch.PackageCatalog;
import dev.ductus.data.fetch.PackageFetcher;
import dev.ductus.data.io.ProgressListener;
import dev.ductus.data.mnist.MnistSplits;
import dev.ductus.data.synth.HandwritingFont;
import dev.ductus.data.text.TextNormalizer;
import org.junit.jupiter.api.Test;

/** Runs on the real packages when the cache already holds them (never fetches); skipped otherwise. */
class RealCacheTest {
    @Test
    void realFontsDrawTheWholeCharsetAndMnistSplitsLoad() {
        PackageCatalog catalog = PackageCatalog.bundled();
        PackCommand noNetwork = (p, d) -> {
            throw new AssertionError("this test never fetches");
        };
        PackageFetcher fetcher = new PackageFetcher(DataCache.resolve(null), noNetwork, ProgressListener.NONE);
        assumeTrue(catalog.all().stream().allMatch(fetcher::isComplete), "the cache does not hold every package");
        PackageDataSources sources = new PackageDataSources(catalog, fetcher);

        String charset = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 " + TextNormalizer.PUNCTUATION;
        for (String split : EmbeddedKind.SPLITS) {
            for (HandwritingFont font : sources.fonts().fonts(split)) {
                assertTrue(font.canDraw(charset), font.writer() + " lacks part of the charset");
            }
        }
        MnistSplits mnist = sources.mnist();
        assertEquals(MnistSplits.T10K_READABLE, mnist.images("test").count());
        assertEquals(54_000, mnist.to("train"));
        EmbeddedDatasets datasets = new EmbeddedDatasets(DataCache.resolve(null).datasets(), sources, 1);
        GeneratedSample line = datasets.generator(new EmbeddedDatasets.Request(EmbeddedKind.CURSIVE, DatasetSize.SMALL, 1, false))
                .generate("test", 0);
        assertTrue(line.height() >= 40 && line.height() <= 200, "line height " + line.height());
    }
}
