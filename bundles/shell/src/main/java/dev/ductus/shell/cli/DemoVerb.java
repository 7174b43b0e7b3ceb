package dev.ductus.shell.cli;

import dev.ductus.api.Notes;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.eval.TextNormalizer;
import dev.ductus.shell.cli.ShellContext.PipelineView;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code demo}: the main job on the embedded default. Shows what preprocessing does to sample images it draws
 * itself, makes what is missing (the embedded datasets, the default language models, every configured model
 * that has a training recipe), then runs every recognising pipeline side by side on the test split of each
 * embedded dataset and prints one table per dataset (and an HTML report).
 */
public final class DemoVerb implements Verb {
    private final ShellContext context;
    private final ModelsVerb models;

    public DemoVerb(ShellContext context, ModelsVerb models) {
        this.context = context;
        this.models = models;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run every installed pipeline side by side on the embedded default data";
    }

    @Override
    public String usage() {
        return """
                usage: ductus demo [--limit N] [--data cursive,digits] [--no-build] [--wait SECONDS]
                  1. preprocessing on sample images the demo draws; 2. makes missing datasets and models (first run:
                  minutes, with progress); 3. compares every recognising pipeline on the first N test lines
                  (default 50) of each embedded dataset, one table each, plus HTML reports.
                  Trained models missing on the first run are made with small demo budgets (train.demo.options in
                  config/, about 10 min in all on 2 cores): they show each system working, not its accuracy.
                  Full models: delete them and run `ductus models build` (hours on 2 cores; see README).""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("no-build")).allow(Set.of("limit", "data", "no-build", "wait"));
        long started = System.nanoTime();
        long waitMillis = (long) (a.doubleValue("wait", 60) * 1000);
        int failures = preprocessing(context.awaitPipelines(waitMillis), out);

        DatasetProvider provider = context.datasets().orElse(null);
        if (provider == null) {
            err.println("demo: no dataset provider is installed (bundle dev.ductus.data); stopping after preprocessing");
            return failures == 0 ? 0 : 1;
        }
        List<String> datasets = List.of(a.get("data", "cursive,digits").split(","));
        if (!a.flag("no-build")) {
            out.println();
            out.println("== making what is missing (datasets, models) ==");
            for (String d : datasets) {
                Dataset test = provider.open(d, "test");
                out.printf(Locale.ROOT, "dataset %s: %d test samples%n", d, test.size());
            }
            Set<String> only = new java.util.HashSet<>();
            for (ModelConfig c : context.modelConfigs()) {
                if (c.trainData() == null || datasets.contains(c.trainData())) only.add(c.name());
            }
            if (models.buildMissing(context.modelConfigs(), only, true, out, err) != 0) {
                err.println("demo: some models could not be made; their pipelines are left out");
                failures++;
            }
        }
        List<PipelineView> pipelines = context.awaitPipelines(waitMillis);
        int limit = a.intValue("limit", 50);
        for (String d : datasets) {
            List<Recognizer> chosen = new ArrayList<>();
            for (PipelineView v : pipelines.stream().sorted(Comparator.comparing(PipelineView::name)).toList()) {
                if (v.ready() && v.recognizes() && v.suits(d) && !"paragraph".equals(v.input())) chosen.add(v.recognizer());
            }
            out.println();
            out.println("== " + d + ": " + chosen.size() + " pipelines on the first " + limit + " test lines ==");
            if (chosen.isEmpty()) {
                out.println("(no recognising pipeline is ready for " + d + ": `ductus pipelines` says why)");
                continue;
            }
            Dataset test = CompareVerb.limit(provider.open(d, "test"), limit);
            Path report = context.cache().resolve("reports").resolve("demo-" + d + ".html");
            CompareVerb.compare(test, chosen, TextNormalizer.DEFAULT, 1, 3, report, out, err);
        }
        waiting(pipelines, out);
        out.printf(Locale.ROOT, "%ndemo finished in %s%n", Progress.clock((System.nanoTime() - started) / 1e9));
        return failures == 0 ? 0 : 1;
    }

    /** Every preprocessing-only pipeline on the demo's own samples: what each stage did. */
    private int preprocessing(List<PipelineView> pipelines, PrintStream out) {
        Map<String, GrayImage> samples = DemoSamples.create();
        ImageLoader loader = context.imageLoader().orElse(null);
        Path dir = context.cache().resolve("demo");
        if (loader != null) {
            for (var e : samples.entrySet()) loader.writePng(e.getValue(), dir.resolve(e.getKey() + ".png"));
        }
        out.println("== preprocessing on sample images (" + dir + ") ==");
        int failures = 0;
        for (PipelineView p : pipelines.stream().sorted(Comparator.comparing(PipelineView::name)).toList()) {
            if (!p.ready() || p.recognizes()) continue;
            out.println("pipeline " + p.name() + ": " + p.recognizer().describe());
            for (var e : samples.entrySet()) {
                boolean page = e.getKey().startsWith("paragraph");
                if (page != "paragraph".equals(p.input())) continue;
                try {
                    Hypothesis h = p.recognizer().recognize(e.getValue());
                    out.printf("  %s (%dx%d)%n", e.getKey(), e.getValue().width(), e.getValue().height());
                    print(h.notes(), out);
                } catch (RuntimeException ex) {
                    failures++;
                    out.println("  " + e.getKey() + ": FAILED: " + ex.getMessage());
                }
            }
        }
        return failures;
    }

    private static void waiting(List<PipelineView> pipelines, PrintStream out) {
        Set<String> lines = new LinkedHashSet<>();
        for (PipelineView v : pipelines) {
            if (!v.ready()) lines.add("  " + v.name() + ": " + v.status());
        }
        if (!lines.isEmpty()) {
            out.println();
            out.println("not ready (left out):");
            lines.forEach(out::println);
        }
    }

    private static void print(Notes notes, PrintStream out) {
        for (Notes.Note n : notes.all()) {
            out.printf("      %-16s %-58s %8.1f ms%n", n.stage(), n.message(), n.millis());
        }
    }
}
