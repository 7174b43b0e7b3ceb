package dev.ductus.shell.component;

import java.io.PrintStream;

/**
 * The entry point the launcher finds by {@code (ductus.cli=true)} and calls by reflection (it cannot see this
 * bundle's classes): only JDK types cross the boundary.
 */
public interface CommandLineService {
    int execute(String[] args, PrintStream out, PrintStream err);

    String usage();
}
