package dev.ductus.shell.cli;

import dev.ductus.api.cli.Command;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code models [build]}: the model files the configuration points at, whether they exist, and how each is made;
 * {@code build} makes the missing ones (training with the recorded command, or building the default language
 * models) and asks their stages to load them.
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
        return "list the configured model files and how they are made; 'models build' makes the missing ones";
    }

    @Override
    public String usage() {
        return "usage: ductus models [build [--only NAME,...]]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args, Set.of()).allow(Set.of("only", "wait"));
        Thread.sleep(0);
        context.awaitPipelines((long) (a.doubleValue("wait", 2) * 1000));
        List<ModelConfig> configs = context.modelConfigs();
        boolean build = !a.positional().isEmpty() && a.positional().get(0).equals("build");
        if (!a.positional().isEmpty() && !build) throw new Arguments.UsageException("unknown subcommand " + a.positional().get(0));
        Set<String> only = a.get("only", null) == null ? null : Set.of(a.get("only", null).split(","));
        if (!build) {
            for (ModelConfig c : configs) {
                for (Path f : c.files()) {
                    out.printf("%-22s %-8s %s%n", c.name(), Files.isRegularFile(f) ? "present" : "MISSING", f);
                }
                out.printf("%-22s %-8s %s%n", "", "made by", c.recipe());
            }
            return 0;
        }
        return buildMissing(configs, only, out, err);
    }

    /** Makes every missing model file (or those of the named stages), then refreshes their configurations. */
    public int buildMissing(List<ModelConfig> configs, Set<String> only, PrintStream out, PrintStream err) throws Exception {
        int failures = 0;
        boolean lmDefaultsBuilt = false;
        List<ModelConfig> refreshed = new ArrayList<>();
        for (ModelConfig c : configs) {
            if (only != null && !only.contains(c.name())) continue;
            if (c.missing().isEmpty()) continue;
            if (c.defaultLanguageModel()) {
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
                err.println("models: " + c.name() + " is missing; training it: " + c.recipe());
                List<String> targs = new ArrayList<>(List.of("--system", c.trainSystem(), "--data", c.trainData(),
                        "--out", c.files().get(0).toString()));
                c.trainOptions().forEach((k, v) -> targs.addAll(List.of("--set", k + "=" + v)));
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
}
