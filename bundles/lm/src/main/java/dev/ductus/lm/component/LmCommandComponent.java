package dev.ductus.lm.component;

import dev.ductus.api.cli.Command;
import dev.ductus.lm.cli.LmCommandLine;
import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Contributes the {@code lm} verb to bin/ductus and the Gogo shell. */
@Component(service = Command.class, property = Command.VERB + "=lm")
public class LmCommandComponent implements Command {
    private final LmCommandLine command = new LmCommandLine();

    @Override
    public String summary() {
        return command.summary();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        return command.run(args, out, err);
    }
}
