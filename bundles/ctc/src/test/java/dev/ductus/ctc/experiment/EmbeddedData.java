package dev.ductus.ctc.experiment;

import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.data.embedded.DefaultDatasets;
import dev.ductus.data.embedded.EmbeddedDatasets;
import dev.ductus.data.embedded.PackageDataSources;
import dev.ductus.data.fetch.DataCache;
import dev.ductus.data.fetch.NpmPackCommand;
import dev.ductus.data.fetch.PackageCatalog;
import dev.ductus.data.fetch.PackageFetcher;
import dev.ductus.data.io.ProgressListener;
import dev.ductus.image.io.ImageFileReader;
import dev.ductus.image.step.PreprocessingChain;
import dev.ductus.image.step.StandardSteps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The data and image bundles' classes wired by hand, as their components do, for experiments outside OSGi. */
final class EmbeddedData {
    private EmbeddedData() {
    }

    static DataCache cache() {
        return DataCache.resolve("");
    }

    static DatasetProvider provider(DatasetSize size) {
        DataCache cache = cache();
        ProgressListener progress = ProgressListener.to(System.err);
        PackageFetcher fetcher = new PackageFetcher(cache, new NpmPackCommand("npm", 600), progress);
        EmbeddedDatasets embedded = new EmbeddedDatasets(cache.datasets(),
                new PackageDataSources(PackageCatalog.bundled(), fetcher), 2);
        ImageFileReader reader = new ImageFileReader();
        ImageLoader loader = new ImageLoader() {
            @Override
            public List<GrayImage> read(Path file) {
                return reader.read(file);
            }

            @Override
            public void writePng(GrayImage image, Path file) {
                throw new UnsupportedOperationException("experiments do not write images");
            }
        };
        return new DefaultDatasets(embedded, loader, size, progress);
    }

    /**
     * "default": the image bundle's default chain (zone height normalisation); "uniform:H": the same with the
     * whole line scaled to H rows (pixel models, and digit strings, which have no x-height to find).
     */
    static Preprocessor preprocessor(String chain) {
        if (chain.equals("default")) return PreprocessingChain.of("contrast", "deskew", "deslant", "crop", "normalize");
        if (!chain.startsWith("uniform:")) throw new IllegalArgumentException("chain must be default or uniform:HEIGHT");
        List<PreprocessingChain.Step> steps = new ArrayList<>();
        for (String name : List.of("contrast", "deskew", "deslant", "crop")) {
            steps.add(new PreprocessingChain.Step(name, StandardSteps.create(name, Map.of())));
        }
        steps.add(new PreprocessingChain.Step("normalize",
                StandardSteps.create("normalize", Map.of("mode", "uniform", "height", chain.substring(8)))));
        return new PreprocessingChain(steps);
    }
}
