package dev.ductus.shell.cli;

import dev.ductus.shell.cli.ShellContext.PipelineView;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** {@code pipelines}: the configured pipelines, whether they are ready, and their stages. */
public final class PipelinesVerb implements Verb {
    private final ShellContext context;

    public PipelinesVerb(ShellContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "pipelines";
    }

    @Override
    public String summary() {
        return "list the configured pipelines and their stages";
    }

    @Override
    public String usage() {
        return "usage: ductus pipelines [--wait SECONDS]   (waits up to this long for the configuration to be read and models to load, default 30 s)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args, Set.of()).allow(Set.of("wait"));
        List<PipelineView> views = context.awaitPipelines((long) (a.doubleValue("wait", 30) * 1000));
        if (views.isEmpty()) {
            out.println("no pipelines configured (add dev.ductus.pipeline~NAME.cfg files to " + context.home().resolve("config") + ")");
            return 0;
        }
        views = views.stream().sorted(Comparator.comparing(PipelineView::name)).toList();
        int width = views.stream().mapToInt(v -> v.name().length()).max().orElse(4);
        for (PipelineView v : views) {
            out.printf("%-" + width + "s  %-8s  %-9s  %s%n", v.name(), v.ready() ? "ready" : "waiting", v.input(),
                    v.ready() ? v.recognizer().describe() : v.status());
            if (v.description() != null && !v.description().isBlank()) {
                out.printf("%-" + width + "s  %s%n", "", v.description());
            }
        }
        return 0;
    }

    /** Why a pipeline cannot serve: its status, or the names of those that exist. */
    static String whyNot(ShellContext context, String name) {
        for (PipelineView v : context.pipelines()) {
            if (v.name().equals(name)) return v.status();
        }
        List<String> names = context.pipelines().stream().map(PipelineView::name).sorted().toList();
        int configured = context.configuredPipelines();
        List<String> files = context.configuredPipelineNames();
        if (configured > names.size() && (files.isEmpty() || files.contains(name))) {
            // the config folder holds more pipelines than are registered: the framework is still reading them
            return "not registered yet: " + names.size() + " of the " + configured + " pipeline configurations are read so far"
                    + " (the framework is still starting; a longer --wait helps)";
        }
        List<String> known = files.isEmpty() ? names : files;
        return "no such pipeline (configured: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")";
    }
}
