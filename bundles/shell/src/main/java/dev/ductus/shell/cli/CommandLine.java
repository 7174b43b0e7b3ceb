package dev.ductus.shell.cli;

import dev.ductus.api.InputException;
import dev.ductus.api.cli.Command;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dispatches {@code ductus VERB args...} to a built-in verb or to a {@link Command} another bundle contributed.
 * Bad usage exits with 2 and the verb's usage; bad input with 1 and a message naming the file; nothing thrown
 * escapes, so the framework (and a running shell) keeps serving.
 */
public final class CommandLine {
    private final ShellContext context;
    private final Map<String, Verb> builtins = new LinkedHashMap<>();

    public CommandLine(ShellContext context, List<Verb> verbs) {
        this.context = context;
        for (Verb v : verbs) builtins.put(v.name(), v);
    }

    /** Other spellings users type for a verb (the help text is written in British English). */
    static final Map<String, String> ALIASES = Map.of("recognise", "recognize", "recognition", "recognize",
            "model", "models", "pipeline", "pipelines", "experiments", "experiment");

    /** {@code ductus run}'s usage: the launcher runs it (it starts a framework that keeps serving), not this class. */
    static final String RUN_USAGE = "usage: ductus run [--feature NAME,...] [--config DIR] [--no-shell] [--port N]\n"
            + "  starts the framework with the Gogo shell (type ductus:help there) and the web service on 127.0.0.1:8737\n"
            + "  (or --port, or port in dev.ductus.web); --no-shell only serves, until Ctrl-C";

    /** {@code ductus serve}'s usage: the launcher runs it, like run. */
    static final String SERVE_USAGE = "usage: ductus serve [--port N] [--config DIR] [--feature NAME,...]\n"
            + "  serves the recognition API and the page on http://127.0.0.1:8737/ (or --port, or port in dev.ductus.web)\n"
            + "  until stopped (Ctrl-C); no shell. The API: GET /api/pipelines, POST /api/recognize?pipeline=a,b (an image\n"
            + "  body), POST /api/explain?pipeline=NAME, POST /api/compare?pipeline=a,b (a zip of a line folder), GET /api/reports";

    public int execute(String[] argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (!args.isEmpty() && (args.get(0).equals("--version") || args.get(0).equals("version") || args.get(0).equals("-V"))) {
            out.println("ductus " + context.version());
            return 0;
        }
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            if (args.size() > 1) return help(ALIASES.getOrDefault(args.get(1), args.get(1)), out, err);
            out.print(usage());
            return 0;
        }
        String verb = ALIASES.getOrDefault(args.get(0), args.get(0));
        args.remove(0);
        Verb builtin = builtins.get(verb);
        if (args.contains("--help") && (builtin == null || !builtin.answersHelp(args))) return help(verb, out, err);
        try {
            if (builtin != null) return builtin.run(args, out, err);
            Command contributed = awaitCommand(verb);
            if (contributed != null) return contributed.run(args, out, err);
            err.println("ductus: unknown verb '" + verb + "'" + suggestion(verb) + " (ductus help lists the verbs)");
            return 2;
        } catch (Arguments.UsageException e) {
            err.println(verb + ": " + e.getMessage());
            if (builtin != null) err.println(builtin.usage());
            return 2;
        } catch (InputException e) {
            err.println(verb + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(verb + ": interrupted");
            return 130;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            err.println(verb + ": failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** {@code "; did you mean 'X'?"} for the nearest verb within two edits, or nothing. */
    String suggestion(String verb) {
        java.util.Set<String> all = new java.util.TreeSet<>(builtins.keySet());
        all.addAll(context.commands().keySet());
        all.add("run");
        all.add("serve");
        String best = null;
        int bestDistance = 3;
        for (String v : all) {
            int d = editDistance(verb, v);
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    static int editDistance(String a, String b) {
        return dev.ductus.api.train.TrainingOptionKeys.editDistance(a, b);
    }

    private int help(String verb, PrintStream out, PrintStream err) {
        if (verb.equals("run")) {
            out.println(RUN_USAGE);
            return 0;
        }
        if (verb.equals("serve")) {
            out.println(SERVE_USAGE);
            return 0;
        }
        Verb v = builtins.get(verb);
        if (v != null) {
            out.println(v.summary());
            out.println(v.usage());
            return 0;
        }
        Command c = context.commands().get(verb);
        if (c != null) {
            try {
                return c.run(List.of("--help"), out, err);
            } catch (Exception e) {
                out.println(c.summary());
                return 0;
            }
        }
        err.println("ductus: unknown verb '" + verb + "'" + suggestion(verb) + " (ductus help lists the verbs)");
        return 2;
    }

    /** Bundles register their verbs while the framework starts: give a late one a moment. */
    private Command awaitCommand(String verb) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2000;
        while (true) {
            long seen = context.generation();
            Command c = context.commands().get(verb);
            long left = deadline - System.currentTimeMillis();
            if (c != null || left <= 0) return c;
            context.awaitChange(seen, left);
        }
    }

    public String usage() {
        StringBuilder sb = new StringBuilder("usage: ductus VERB [options]   (ductus help VERB for details)\n\n");
        Map<String, String> all = new TreeMap<>();
        builtins.forEach((k, v) -> all.put(k, v.summary()));
        context.commands().forEach((k, v) -> all.putIfAbsent(k, v.summary()));
        all.put("run", "start the framework with the Gogo shell and the web service (--feature NAME,..., --no-shell)");
        all.put("serve", "serve the HTTP API and the web page on 127.0.0.1:8737 (--port N) until stopped");
        all.forEach((k, v) -> sb.append(String.format("  %-10s %s%n", k, v)));
        return sb.toString();
    }
}
