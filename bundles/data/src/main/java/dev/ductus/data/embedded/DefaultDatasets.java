package dev.ductus.data.embedded;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.data.DatasetFormats;
import dev.ductus.data.LineFolderReader;
import dev.ductus.data.io.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens datasets by name or path. A name is an embedded dataset, optionally with a size:
 * {@code cursive}, {@code digits}, {@code paragraphs}, {@code cursive:medium}; it is generated into the cache
 * on first use (fetching its packages first). Anything else is a path: a line folder, an IAM root, a PAGE XML
 * file or folder, or a folder with train/validation/test line folders.
 */
public final class DefaultDatasets implements DatasetProvider {
    private final EmbeddedDatasets embedded;
    private final ImageLoader loader;
    private final DatasetSize defaultSize;
    private final ProgressListener progress;

    public DefaultDatasets(EmbeddedDatasets embedded, ImageLoader loader, DatasetSize defaultSize, ProgressListener progress) {
        this.embedded = embedded;
        this.loader = loader;
        this.defaultSize = defaultSize;
        this.progress = progress;
    }

    @Override
    public List<String> names() {
        return EmbeddedKind.names();
    }

    @Override
    public Dataset open(String nameOrPath, String split) {
        if (nameOrPath == null || nameOrPath.isBlank()) throw new InputException("dataset", "no dataset name or path given");
        EmbeddedDatasets.Request request = request(nameOrPath.trim());
        if (request == null) return DatasetFormats.open(Path.of(nameOrPath), split, loader);
        if (split == null || !EmbeddedKind.SPLITS.contains(split)) {
            throw new InputException(nameOrPath, "unknown split '" + split + "' (train, validation, test)");
        }
        Path folder;
        try {
            folder = ensure(request);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate " + nameOrPath + ": " + e.getMessage(), e);
        }
        return LineFolderReader.read(folder.resolve(split), false, loader, request.kind().id(), split);
    }

    /** The request an embedded name stands for, or null when it is not one. */
    public EmbeddedDatasets.Request request(String name) {
        int colon = name.indexOf(':');
        String kindName = colon < 0 ? name : name.substring(0, colon);
        EmbeddedKind kind = EmbeddedKind.byName(kindName);
        if (kind == null) return null;
        DatasetSize size;
        try {
            size = colon < 0 ? defaultSize : DatasetSize.parse(name.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new InputException(name, e.getMessage());
        }
        return new EmbeddedDatasets.Request(kind, size, EmbeddedDatasets.DEFAULT_SEED, false);
    }

    // One generation at a time: two callers asking for the same dataset must not both generate it.
    private synchronized Path ensure(EmbeddedDatasets.Request request) throws IOException {
        return embedded.ensure(request, progress);
    }
}
