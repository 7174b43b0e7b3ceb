package dev.ductus.gmmhmm.experiment;

import dev.ductus.api.data.Dataset;
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
import java.util.List;

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

    /** The default chain of the image bundle (what 'preprocessor.target=(ductus.name=default)' selects). */
    static Preprocessor defaultPreprocessor() {
        return PreprocessingChain.of("contrast", "deskew", "deslant", "crop", "normalize");
    }

    /**
     * "default", or "uniform": the same chain with the line scaled uniformly to 40 rows instead of zone
     * normalisation, which squashes digit strings (they have no x-height to find).
     */
    static Preprocessor preprocessor(String chain) {
        if (chain.equals("default")) return defaultPreprocessor();
        if (!chain.equals("uniform")) throw new IllegalArgumentException("chain must be default or uniform");
        List<PreprocessingChain.Step> steps = new java.util.ArrayList<>();
        for (String name : List.of("contrast", "deskew", "deslant", "crop")) {
            steps.add(new PreprocessingChain.Step(name, StandardSteps.create(name, java.util.Map.of())));
        }
        steps.add(new PreprocessingChain.Step("normalize",
                StandardSteps.create("normalize", java.util.Map.of("mode", "uniform", "height", "40"))));
        return new PreprocessingChain(steps);
    }

    static Dataset open(DatasetProvider provider, String name, String split) {
        return provider.open(name, split);
    }
}
