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
 * itself, makes what is missing and quick to make (the embedded datasets, the default language models; with
 * {@code --train} also every configured model that has a training recipe, on its small demo budget), then runs
 * every recognising pipeline whose model is there (the shipped ones are installed on the first run) side by side
 * on the test split of each embedded dataset and prints one table per dataset (and an HTML report).
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
                usage: ductus demo [--limit N] [--data cursive,digits] [--train] [--no-build] [--wait SECONDS]
                  1. preprocessing on sample images the demo draws; 2. makes the missing datasets and default
                  language models (first run: a minute or two); 3. compares every recognising pipeline whose model is
                  there (the trained models shipped in the distribution are installed on the first run) on the first
                  N test lines (default 50) of each embedded dataset, one table each, plus HTML reports.
                  --train: also trains every missing model with its small demo budget (train.demo.options in
                  config/, about 10 min in all on 2 cores) to watch each system train; such models show a system
                  working, not its accuracy. Full models: `ductus models build` (its recipe per model; see README).""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("no-build", "train")).allow(Set.of("limit", "data", "no-build", "train", "wait"));
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
            List<String> untrained = new ArrayList<>();
            for (ModelConfig c : context.modelConfigs()) {
                if (c.dataset() != null && !datasets.contains(c.dataset())) continue;
                if (a.flag("train") || c.defaultLanguageModel()) only.add(c.name());
                else if (!c.missing().isEmpty()) untrained.add(c.name());
            }
            if (!untrained.isEmpty()) {
                out.println("no trained model installed for " + String.join(", ", untrained) + ": their pipelines are left out ("
                        + "`ductus demo --train` trains small demo-budget ones, `ductus models build --only NAME` the full recipe)");
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
            CompareVerb.compare(test, chosen, TextNormalizer.DEFAULT, CompareVerb.cores(), 3, report, out, err);
        }
        waiting(pipelines, out);
        boolean tesseract = pipelines.stream().anyMatch(v -> v.name().startsWith("tesseract") && v.ready());
        if (!tesseract) {
            out.println("Tesseract 5 is not installed, so it is not in the tables: apt-get install tesseract-ocr tesseract-ocr-eng");
        }
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
