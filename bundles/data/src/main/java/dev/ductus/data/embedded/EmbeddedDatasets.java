package dev.ductus.data.embedded;

import dev.ductus.data.io.ProgressListener;
import dev.ductus.data.text.CorpusSplits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded datasets, generated into {@code <cache>/datasets/<name>-<size>[-s<seed>][-clean]-g<version>/}
 * on first use. Everything in a dataset follows from (name, size, seed, clean) and the kind's
 * {@link EmbeddedKind#generatorVersion() generator version}, so changing a generator in a way that changes its
 * output must raise that kind's version.
 */
public final class EmbeddedDatasets {
    public static final long DEFAULT_SEED = 1;

    /** What to generate. */
    public record Request(EmbeddedKind kind, DatasetSize size, long seed, boolean clean) {
        public String folderName() {
            return kind.id() + "-" + size.label() + (seed == DEFAULT_SEED ? "" : "-s" + seed) + (clean ? "-clean" : "")
                    + "-g" + kind.generatorVersion();
        }
    }

    private final Path datasetsRoot;
    private final DataSources sources;
    private final int threads;
    private final Map<Long, CorpusSplits> corpora = new LinkedHashMap<>();

    public EmbeddedDatasets(Path datasetsRoot, DataSources sources, int threads) {
        this.datasetsRoot = datasetsRoot;
        this.sources = sources;
        this.threads = threads;
    }

    public Path folder(Request request) {
        return datasetsRoot.resolve(request.folderName());
    }

    public boolean isGenerated(Request request) {
        return DatasetFolderWriter.isComplete(folder(request));
    }

    /** The dataset's folder, generated first when it is not complete. */
    public Path ensure(Request request, ProgressListener progress) throws IOException {
        return writeTo(folder(request), request, progress);
    }

    /** Generates the dataset into {@code target} (any folder). */
    public Path writeTo(Path target, Request request, ProgressListener progress) throws IOException {
        if (DatasetFolderWriter.isComplete(target)) return target;
        progress.message("generating " + request.kind().id() + " (" + request.size().label() + ", seed " + request.seed()
                + (request.clean() ? ", clean" : "") + ") into " + target);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("name", request.kind().id());
        facts.put("size", request.size().label());
        facts.put("seed", Long.toString(request.seed()));
        facts.put("clean", Boolean.toString(request.clean()));
        facts.put("generator.version", Integer.toString(request.kind().generatorVersion()));
        facts.put("sources", sources.describe());
        Files.createDirectories(target.toAbsolutePath().getParent());
        return new DatasetFolderWriter(threads).write(target, request.kind().counts(request.size()),
                generator(request), facts, progress);
    }

    public SampleGenerator generator(Request request) {
        double strength = request.clean() ? 0 : 1;
        return switch (request.kind()) {
            case CURSIVE -> new CursiveLineGenerator(sources.fonts(), corpus(request.seed()), request.seed(), strength);
            case PARAGRAPHS -> new ParagraphGenerator(sources.fonts(), corpus(request.seed()), request.seed(), strength);
            case DIGITS -> new DigitLineGenerator(sources.mnist(), request.seed(), request.clean());
        };
    }

    private synchronized CorpusSplits corpus(long seed) {
        return corpora.computeIfAbsent(seed, s -> new CorpusSplits(sources.documents(), s));
    }
}
