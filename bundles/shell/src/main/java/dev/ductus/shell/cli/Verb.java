package dev.ductus.shell.cli;

import java.io.PrintStream;
import java.util.List;

/** A built-in verb of the shell. */
public interface Verb {
    String name();

    String summary();

    String usage();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;

    /** Whether the verb answers {@code --help} itself with these arguments (e.g. per system), not its usage. */
    default boolean answersHelp(List<String> args) {
        return false;
    }
}
