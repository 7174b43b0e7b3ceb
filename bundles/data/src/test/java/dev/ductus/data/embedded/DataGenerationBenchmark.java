package dev.ductus.data.embedded;

import dev.ductus.data.fetch.DataCache;
import dev.ductus.data.fetch.PackageCatalog;
import dev.ductus.data.fetch.PackageFetcher;
import dev.ductus.data.io.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Generation speed on this machine: {@code java ... DataGenerationBenchmark [cursive|digits|paragraphs] [N]
 * [threads]} writes N train samples (PNG + ground truth, as the embedded datasets are written) from the real
 * packages in the cache (fetched when missing) into a temporary folder and prints samples per second.
 * Not a unit test: timings belong in reports, not in assertions.
 */
public final class DataGenerationBenchmark {
    private DataGenerationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKind kind = EmbeddedKind.byName(args.length > 0 ? args[0] : "cursive");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        DataCache cache = DataCache.resolve(null);
        PackageDataSources sources = new PackageDataSources(PackageCatalog.bundled(),
                new PackageFetcher(cache, ProgressListener.to(System.err)));
        EmbeddedDatasets datasets = new EmbeddedDatasets(cache.datasets(), sources, threads);
        long setup = System.nanoTime();
        SampleGenerator generator = datasets.generator(new EmbeddedDatasets.Request(kind, DatasetSize.SMALL, 1, false));
        double setupSeconds = (System.nanoTime() - setup) / 1e9;
        // Warm the JIT on a few samples so the rate is the steady one a long generation sees.
        for (int i = 0; i < 50; i++) generator.generate("validation", i);
        Path out = Files.createTempDirectory("ductus-bench");
        long start = System.nanoTime();
        new DatasetFolderWriter(threads).write(out.resolve("set"), Map.of("train", n), generator, Map.of(), ProgressListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        DatasetFolderWriter.deleteTree(out);
        System.out.printf(Locale.ROOT, "%s: %d samples on %d threads in %.1f s = %.1f samples/s (setup %.1f s; 10,000 would take %.1f min)%n",
                kind.id(), n, threads, seconds, n / seconds, setupSeconds, 10_000 / (n / seconds) / 60);
    }
}
