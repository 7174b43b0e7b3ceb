package dev.ductus.shell.cli;

import dev.ductus.api.InputException;
import dev.ductus.api.cli.Command;
import dev.ductus.eval.ModelReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code models [build|report]}: the model files the configuration points at, whether they exist, and how each is
 * made; {@code build} makes the missing ones (training with the recorded command, or building the default language
 * models) and asks their stages to load them; {@code report -o FILE} writes an HTML page of the models the
 * framework serves, with their training facts and learning curves; {@code export-onnx MODEL -o FILE.onnx} hands over to
 * the ONNX bundle's verb, which writes a CTC pixel model as an ONNX graph.
 */
public final class ModelsVerb implements Verb {
    private final ShellContext context;
    private final TrainVerb train;

    public ModelsVerb(ShellContext context, TrainVerb train) {
        this.context = context;
        this.train = train;
    }

    @Override
    public String name() {
        return "models";
    }

    @Override
    public String summary() {
        return "list the configured model files and how they are made; 'models build' makes the missing ones, "
                + "'models report -o FILE' charts the served ones, 'models export-onnx MODEL -o FILE.onnx' exports one";
    }

    @Override
    public String usage() {
        return """
                usage: ductus models [build [--only NAME,...]] [--wait SECONDS]
                       ductus models report -o|--out FILE.html [--wait SECONDS]
                       ductus models export-onnx MODEL.model -o|--out FILE.onnx
                  report writes one HTML page: every served model's training facts (data, epochs, validation CER,
                  training time, calibration) and its learning curve (validation CER and training loss per epoch).
                  export-onnx writes a CTC pixel model (CRNN) as an ONNX graph and checks it in onnxruntime.
                  Each waits up to --wait seconds (default 30) for the configuration to be read and models to load.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("export-onnx")) return exportOnnx(args.subList(1, args.size()), out, err);
        Arguments a = Arguments.parse(args, Set.of());
        String sub = a.positional().isEmpty() ? "" : a.positional().get(0);
        if (!Set.of("", "build", "report").contains(sub)) throw new Arguments.UsageException("unknown subcommand " + sub);
        if (a.positional().size() > 1) throw new Arguments.UsageException("unexpected " + a.positional().get(1));
        if (sub.equals("report")) return report(a.allow(Set.of("o", "out", "wait")), out, err);
        a.allow(Set.of("only", "wait"));
        boolean build = sub.equals("build");
        context.awaitPipelines((long) (a.doubleValue("wait", 30) * 1000));
        List<ModelConfig> configs = context.modelConfigs();
        Set<String> only = a.get("only", null) == null ? null : Set.of(a.get("only", null).split(","));
        if (!build) {
            java.util.Map<String, ShellContext.ServedModel> served = new java.util.HashMap<>();
            for (ShellContext.ServedModel m : context.servedModels()) served.putIfAbsent(m.name(), m);
            for (ModelConfig c : configs) {
                // one entry per configuration: a model of several files (the hybrid LM) names itself once
                String name = c.name();
                for (Path f : c.files()) {
                    out.printf("%-22s %-8s %s%n", name, Files.isRegularFile(f) ? "present" : "MISSING", f);
                    name = "";
                }
                ShellContext.ServedModel m = served.get(c.name());
                if (m != null) out.printf("%-22s %-8s %s%n", "", "serving", servedLine(m));
                out.printf("%-22s %-8s %s%n", "", "made by", c.recipe());
            }
            return 0;
        }
        return buildMissing(configs, only, false, out, err);
    }

    /** {@code models export-onnx}: the ONNX bundle's {@code export-onnx} verb, when that bundle is installed. */
    private int exportOnnx(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Command export = context.commands().get("export-onnx");
        if (export == null) {
            err.println("models: export-onnx needs the onnx bundle (features ctc or all), which is not installed");
            return 1;
        }
        return export.run(args, out, err);
    }

    /** {@code models report}: the served models' page, written atomically; bad paths fail before the wait. */
    private int report(Arguments a, PrintStream out, PrintStream err) throws InterruptedException {
        String name = a.get("o", a.get("out", null));
        if (name == null || name.isBlank()) throw new Arguments.UsageException("report needs -o FILE");
        Path target;
        try {
            target = Path.of(name);
        } catch (InvalidPathException e) {
            throw new InputException(name, "not a file name: " + e.getReason());
        }
        checkWritable(target);
        context.awaitPipelines((long) (a.doubleValue("wait", 30) * 1000));
        List<ModelReport.Entry> models = context.servedModels().stream()
                .map(m -> new ModelReport.Entry(m.name(), m.version(), m.info())).toList();
        try {
            new ModelReport().write(models, target);
        } catch (IOException e) {
            throw new InputException(target.toString(), "cannot write the report: " + why(e));
        }
        int curves = ModelReport.withCurves(models);
        out.printf("models: wrote %s: %d model%s, %d with a learning curve%n", target, models.size(),
                models.size() == 1 ? "" : "s", curves);
        if (models.isEmpty()) {
            err.println("models: no model is served yet ('ductus models' lists the configured files, "
                    + "'ductus models build' makes the missing ones)");
        }
        return 0;
    }

    /** Fails with the path named when the report could not be written there (a folder, or no writable folder). */
    static void checkWritable(Path target) {
        if (Files.isDirectory(target)) throw new InputException(target.toString(), "is a folder; -o names the HTML file to write");
        Path ancestor = target.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) ancestor = ancestor.getParent();
        if (ancestor == null) return;
        if (!Files.isDirectory(ancestor)) {
            throw new InputException(target.toString(), "cannot write the report: " + ancestor + " is not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new InputException(target.toString(), "cannot write the report: " + ancestor + " is not writable");
        }
    }

    private static String why(IOException e) {
        if (e instanceof AccessDeniedException denied) return "permission denied (" + denied.getFile() + ")";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason() + " (" + fs.getFile() + ")";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code NAME@VERSION, validation CER 7.67 %, epochs 6, trained 3600 s on cursive/train} from the model's facts. */
    static String servedLine(ShellContext.ServedModel m) {
        java.util.Map<String, String> f = m.info().facts();
        StringBuilder sb = new StringBuilder(m.version() == null ? m.name() : m.version());
        String cer = f.get("validation.cer");
        if (cer != null) {
            try {
                sb.append(String.format(java.util.Locale.ROOT, ", validation CER %.2f %%", 100 * Double.parseDouble(cer)));
            } catch (NumberFormatException e) {
                sb.append(", validation CER ").append(cer);
            }
        }
        if (f.get("epochs") != null) sb.append(", epochs ").append(f.get("epochs"));
        String secs = f.getOrDefault("train.seconds.total", f.get("train.seconds"));
        if (secs == null) secs = f.get("training.seconds");
        if (secs != null) sb.append(", trained ").append(secs).append(" s");
        if (f.get("train.data") != null) sb.append(" on ").append(f.get("train.data"));
        return sb.toString();
    }

    /**
     * Makes every missing model file (or those of the named stages), then refreshes their configurations. Models
     * whose training options name another missing model file (a hybrid's GMM-HMM) are made after it.
     *
     * @param demo train with the configurations' demo budgets ({@code train.demo.options})
     */
    public int buildMissing(List<ModelConfig> configs, Set<String> only, boolean demo, PrintStream out, PrintStream err)
            throws Exception {
        configs = dependenciesFirst(configs);
        int failures = 0;
        boolean lmDefaultsBuilt = false;
        List<ModelConfig> refreshed = new ArrayList<>();
        // what is missing now: building the default LMs makes the files of every LM configuration at once,
        // and each of those configurations must still be refreshed afterwards
        List<ModelConfig> todo = configs.stream()
                .filter(c -> (only == null || only.contains(c.name())) && !c.missing().isEmpty()).toList();
        List<ModelConfig> defaultLms = todo.stream().filter(ModelConfig::defaultLanguageModel).toList();
        for (ModelConfig c : todo) {
            if (defaultLms.contains(c)) {
                if (!lmDefaultsBuilt) {
                    Command lm = context.commands().get("lm");
                    if (lm == null) {
                        err.println("models: cannot build " + c.missing() + ": the lm bundle is not installed");
                        failures++;
                        continue;
                    }
                    err.println("models: building the default language models into " + c.missing().get(0).getParent());
                    int status = lm.run(List.of("defaults", c.missing().get(0).getParent().toString()), out, err);
                    if (status != 0) {
                        failures++;
                        continue;
                    }
                    lmDefaultsBuilt = true;
                }
                refreshed.add(c);
            } else if (c.trainable()) {
                boolean small = demo && !c.demoOptions().isEmpty();
                err.println("models: " + c.name() + " is missing; training it" + (small
                        ? " with the demo budget " + c.demoOptions() + " (`ductus models build` after deleting "
                        + c.files().get(0).getFileName() + " trains the full model)" : ": " + c.recipe()));
                List<String> targs = new ArrayList<>(c.trainArguments(small));
                c.trainOptions(demo).forEach((k, v) -> targs.addAll(List.of("--set", k + "=" + v)));
                int status = train.run(targs, out, err);
                if (status != 0) {
                    failures++;
                    continue;
                }
                refreshed.add(c);
            } else {
                err.println("models: " + c.name() + ": " + c.missing() + " missing and no recipe to make it");
                failures++;
            }
        }
        for (ModelConfig c : refreshed) {
            if (!context.refreshConfiguration(c.pid())) err.println("models: could not ask " + c.name() + " to reload");
        }
        return failures == 0 ? 0 : 1;
    }

    /** The configurations, each after those whose missing model files its training options name. */
    static List<ModelConfig> dependenciesFirst(List<ModelConfig> configs) {
        List<ModelConfig> ordered = new ArrayList<>();
        List<ModelConfig> left = new ArrayList<>(configs);
        while (!left.isEmpty()) {
            ModelConfig next = left.stream().filter(c -> left.stream().noneMatch(o -> o != c && needs(c, o))).findFirst()
                    .orElse(left.get(0));
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    private static boolean needs(ModelConfig c, ModelConfig other) {
        for (String v : c.trainOptions().values()) {
            for (Path f : other.files()) {
                if (v.equals(f.toString())) return true;
            }
        }
        return false;
    }
}
