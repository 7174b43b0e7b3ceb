package dev.ductus.api.cli;

import java.io.PrintStream;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A verb of {@code bin/ductus} and the Gogo shell ({@code ductus:VERB}), contributed by the bundle that owns
 * the work: {@code data} by the data bundle, {@code lm} by the LM bundle, and so on.
 */
@ConsumerType
public interface Command {
    /** Service property holding the verb's name. */
    String VERB = "ductus.verb";

    /** One line for the usage listing. */
    String summary();

    /**
     * Runs the verb.
     *
     * @return the process exit status: 0 on success, 1 for bad input, 2 for bad usage
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
