package dev.ductus.shell.cli;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.eval.Comparison;
import dev.ductus.eval.ComparisonListener;
import dev.ductus.eval.ComparisonProgress;
import dev.ductus.eval.ComparisonResult;
import dev.ductus.eval.ComparisonTable;
import dev.ductus.eval.HtmlReport;
import dev.ductus.eval.TextNormalizer;
import dev.ductus.shell.cli.ShellContext.PipelineView;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code compare --data DIR|NAME --pipelines a,b}: runs several pipelines over the same samples and prints one
 * table (CER, WER, lines/s, memory), plus an HTML report with charts and the worst lines.
 */
public final class CompareVerb implements Verb {
    private final ShellContext context;

    public CompareVerb(ShellContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "run several pipelines on the same data: one table of CER/WER/speed/memory and an HTML report";
    }

    @Override
    public String usage() {
        return """
                usage: ductus compare --data DIR|NAME --pipelines a,b,...|all [--split test] [--limit N] [--threads N]
                                      [--normalize nfc,whitespace,...] [--report FILE.html] [--tsv FILE] [--warmup N]
                                      [--time-limit SECONDS]
                  DIR holds ID.png + ID.gt.txt (line-folder convention); NAME is an embedded dataset
                  (cursive, digits, paragraphs) of which --split is used (default test). Each pipeline reads the lines
                  on --threads workers (default: the cores); lines/s is measured over all of them. A line that takes
                  longer than --time-limit (default 300 s, 0 = none) counts as a failure and the others go on.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args, Set.of()).allow(Set.of("data", "pipelines", "split", "limit", "threads",
                "normalize", "report", "tsv", "warmup", "wait", "time-limit"));
        String data = a.require("data");
        List<String> names = List.of(a.get("pipelines", "all").split(","));
        TextNormalizer normalizer;
        try {
            normalizer = TextNormalizer.parse(a.get("normalize", "default"));
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException(e.getMessage());
        }
        DatasetProvider provider = context.datasets().orElse(null);
        if (provider == null) {
            err.println("compare: no dataset provider is installed (bundle dev.ductus.data)");
            return 1;
        }
        Dataset opened = provider.open(data, a.get("split", "test"));
        warnSkipped("compare", opened, err);
        Dataset dataset = limit(opened, a.intValue("limit", Integer.MAX_VALUE));
        List<Recognizer> recognizers = new ArrayList<>();
        long wait = (long) (a.doubleValue("wait", 30) * 1000);
        if (names.size() == 1 && names.get(0).equals("all")) {
            for (PipelineView v : context.awaitPipelines(wait).stream().sorted(Comparator.comparing(PipelineView::name)).toList()) {
                if (v.ready() && v.recognizes() && v.suits(TrainVerb.safe(data))
                        && "paragraph".equals(v.input()) == isParagraphs(dataset)) {
                    recognizers.add(v.recognizer());
                }
            }
        } else {
            // one wait for all (not 30 s per pipeline); a pipeline that is not ready is skipped with its reason and
            // the others are measured, a name that is no pipeline at all is an error
            List<PipelineView> views = context.awaitPipelines(wait);
            for (String n : names) {
                String name = n.trim();
                Optional<PipelineView> v = views.stream().filter(p -> p.name().equals(name)).findFirst();
                if (v.isEmpty()) v = context.pipelines().stream().filter(p -> p.name().equals(name)).findFirst();
                if (v.isEmpty()) {
                    err.println("compare: " + PipelinesVerb.whyNot(context, name).replace("no such pipeline", "no pipeline '" + name + "'"));
                    return 1;
                }
                if (!v.get().ready()) {
                    err.println("compare: skipping '" + name + "', not ready: " + v.get().status());
                    continue;
                }
                recognizers.add(v.get().recognizer());
            }
        }
        double limit = a.doubleValue("time-limit", RecognizeVerb.DEFAULT_TIME_LIMIT);
        recognizers.replaceAll(r -> TimeLimitedRecognizer.wrap(r, limit, "--time-limit"));
        if (recognizers.isEmpty()) {
            err.println("compare: no ready pipeline to compare");
            return 1;
        }
        Path report = Path.of(a.get("report", context.cache().resolve("reports")
                .resolve("compare-" + TrainVerb.safe(data) + "-" + dataset.split() + ".html").toString()));
        ComparisonResult result = compare(dataset, recognizers, normalizer, a.intValue("threads", cores()), a.intValue("warmup", 3),
                report, out, err);
        if (a.get("tsv", null) != null) ComparisonTable.writeTsv(result, Path.of(a.get("tsv", null)));
        return failedEverywhere(result, err) ? 1 : 0;
    }

    /**
     * Whether some pipeline failed on every line (it measured nothing): the table shows it, and the exit status
     * must too, so a script does not take a failed comparison for a result.
     */
    static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** One line counting the entries the reader skipped, with the first of its warnings. */
    static void warnSkipped(String verb, Dataset d, PrintStream err) {
        List<String> w = d.warnings();
        if (w.isEmpty()) return;
        err.println(verb + ": " + w.size() + " entr" + (w.size() == 1 ? "y" : "ies") + " of " + d.name() + "/" + d.split()
                + " skipped (" + d.size() + " read), first: " + w.get(0));
    }

    static boolean failedEverywhere(ComparisonResult result, PrintStream err) {
        boolean any = false;
        for (var run : result.systems()) {
            int total = run.lines().size();
            if (total > 0 && run.summary().failures() >= total) {
                err.println("compare: " + run.summary().name() + " failed on all " + total + " lines");
                any = true;
            }
        }
        return any;
    }

    /** Runs the comparison with progress on err, prints the table on out and writes the HTML report. */
    static ComparisonResult compare(Dataset dataset, List<Recognizer> recognizers, TextNormalizer normalizer, int threads,
                                    int warmup, Path report, PrintStream out, PrintStream err) throws Exception {
        err.printf("compare: %d pipelines on %s/%s (%d samples)%n", recognizers.size(), dataset.name(), dataset.split(), dataset.size());
        ComparisonResult result = new Comparison(normalizer).threads(threads).warmupLines(warmup).listener(progress(err))
                .run(dataset, recognizers);
        out.println();
        out.print(ComparisonTable.text(result));
        new HtmlReport().title("Ductus: " + dataset.name() + "/" + dataset.split()).write(result, report);
        out.println("report: " + report.toAbsolutePath());
        return result;
    }

    static boolean isParagraphs(Dataset d) {
        return d.samples().stream().limit(5).anyMatch(s -> s.text() != null && s.text().contains("\n"));
    }

    static Dataset limit(Dataset d, int limit) {
        if (limit >= d.size()) return d;
        var samples = d.samples().subList(0, limit);
        return new Dataset() {
            @Override
            public String name() {
                return d.name();
            }

            @Override
            public String split() {
                return d.split();
            }

            @Override
            public List<dev.ductus.api.data.Sample> samples() {
                return samples;
            }

            @Override
            public List<String> warnings() {
                return d.warnings();
            }
        };
    }

    private static ComparisonListener progress(PrintStream err) {
        return new ComparisonListener() {
            private Progress progress;

            @Override
            public void systemStarted(String system, int index, int count, int lines) {
                progress = new Progress(err, String.format(Locale.ROOT, "  [%d/%d] %s", index + 1, count, system), lines, 2000);
            }

            @Override
            public void lineDone(ComparisonProgress p) {
                if (progress != null) progress.update(p.done(), p.failures() > 0 ? p.failures() + " failed" : "");
            }
        };
    }
}
