package dev.ductus.shell.cli;

import dev.ductus.api.Notes;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.shell.cli.ShellContext.PipelineView;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code demo}: the main job on the embedded default. Runs every configured pipeline side by side on sample
 * images it draws itself and prints what each stage did.
 */
public final class DemoVerb implements Verb {
    private final ShellContext context;

    public DemoVerb(ShellContext context) {
        this.context = context;
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
        return "usage: ductus demo [--wait SECONDS]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args, Set.of()).allow(Set.of("wait"));
        long waitMillis = (long) (a.doubleValue("wait", 10) * 1000);
        List<PipelineView> pipelines = readyPipelines(waitMillis);
        if (pipelines.isEmpty()) {
            err.println("demo: no pipeline is ready; `ductus pipelines` says why");
            return 1;
        }
        Map<String, GrayImage> samples = DemoSamples.create();
        Path dir = context.cache().resolve("demo");
        ImageLoader loader = context.imageLoader().orElse(null);
        if (loader != null) {
            for (var e : samples.entrySet()) loader.writePng(e.getValue(), dir.resolve(e.getKey() + ".png"));
            out.println("sample images: " + dir);
        }
        int failures = 0;
        for (PipelineView p : pipelines) {
            out.println();
            out.println("== pipeline " + p.name() + ": " + p.recognizer().describe());
            for (var e : samples.entrySet()) {
                boolean page = e.getKey().startsWith("paragraph");
                if (page != "paragraph".equals(p.input())) continue;
                try {
                    Hypothesis h = p.recognizer().recognize(e.getValue());
                    out.printf("  %s (%dx%d): \"%s\"%n", e.getKey(), e.getValue().width(), e.getValue().height(),
                            h.text().replace("\n", "\\n"));
                    print(h.notes(), out);
                } catch (RuntimeException ex) {
                    failures++;
                    out.println("  " + e.getKey() + ": FAILED: " + ex.getMessage());
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private List<PipelineView> readyPipelines(long waitMillis) throws InterruptedException {
        return context.awaitPipelines(waitMillis).stream().filter(PipelineView::ready).sorted(Comparator.comparing(PipelineView::name)).toList();
    }

    private static void print(Notes notes, PrintStream out) {
        for (Notes.Note n : notes.all()) {
            out.printf("      %-14s %-60s %8.1f ms%n", n.stage(), n.message(), n.millis());
        }
    }
}
