package dev.ductus.shell.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code info}: bundles, stages by role, trainers and verbs of the running framework. */
public final class InfoVerb implements Verb {
    private final ShellContext context;

    public InfoVerb(ShellContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "show the bundles, stages, trainers and verbs of the running framework";
    }

    @Override
    public String usage() {
        return "usage: ductus info";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        out.println("home:  " + context.home());
        out.println("cache: " + context.cache());
        out.print(context.describeFramework());
        out.println("trainers: " + String.join(", ", context.trainers().keySet().stream().sorted().toList()));
        out.println("contributed verbs: " + String.join(", ", context.commands().keySet().stream().sorted().toList()));
        return 0;
    }
}
