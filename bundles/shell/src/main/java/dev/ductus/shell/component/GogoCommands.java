package dev.ductus.shell.component;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The verbs as Gogo commands in the {@code ductus} scope ({@code ductus:recognize --pipeline x a.png}), for
 * {@code ductus run}. Each prints to the session's streams.
 */
@Component(service = GogoCommands.class, property = {
        "osgi.command.scope=ductus",
        "osgi.command.function=recognize", "osgi.command.function=compare", "osgi.command.function=pipelines",
        "osgi.command.function=train", "osgi.command.function=demo", "osgi.command.function=info",
        "osgi.command.function=data", "osgi.command.function=lm", "osgi.command.function=explain",
        "osgi.command.function=experiment", "osgi.command.function=help"})
public class GogoCommands {
    @Reference
    private CommandLineService cli;

    private int run(String verb, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = verb;
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all, System.out, System.err);
    }

    public int recognize(String... args) {
        return run("recognize", args);
    }

    public int compare(String... args) {
        return run("compare", args);
    }

    public int pipelines(String... args) {
        return run("pipelines", args);
    }

    public int train(String... args) {
        return run("train", args);
    }

    public int demo(String... args) {
        return run("demo", args);
    }

    public int info(String... args) {
        return run("info", args);
    }

    public int data(String... args) {
        return run("data", args);
    }

    public int lm(String... args) {
        return run("lm", args);
    }

    public int explain(String... args) {
        return run("explain", args);
    }

    public int experiment(String... args) {
        return run("experiment", args);
    }

    public int help(String... args) {
        return run("help", args);
    }
}
