package dev.ductus.hybrid.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.hybrid.experiment.DepthCommandLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Contributes the {@code experiment} verb ({@code ductus experiment depth --system mlp-hmm ...}): datasets from
 * the data bundle's provider, images through the preprocessor {@code preprocessor.target} selects.
 */
@Component(service = Command.class, configurationPid = ExperimentCommandComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = Command.VERB + "=experiment")
@Designate(ocd = ExperimentCommandComponent.Config.class)
public class ExperimentCommandComponent implements Command {
    public static final String PID = "dev.ductus.hybrid.experiment";

    @ObjectClassDefinition(name = "Ductus experiment verb")
    public @interface Config {
        @AttributeDefinition(name = "preprocessor.target", description = "Filter selecting the preprocessor applied to the images")
        String preprocessor_target() default "(&(ductus.stage=preprocessor)(ductus.name=default))";

        @AttributeDefinition(name = "out", description = "Folder for the experiment's models (default ~/.cache/ductus/experiments)")
        String out() default "";
    }

    private record Bound(Preprocessor preprocessor, String name) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DatasetProvider datasets;

    private volatile Bound preprocessor;
    private volatile Path out = defaultOut();

    @org.osgi.service.component.annotations.Activate
    @org.osgi.service.component.annotations.Modified
    void configure(Config c) {
        out = c.out() == null || c.out().isBlank() ? defaultOut() : Path.of(c.out());
    }

    private static Path defaultOut() {
        return Path.of(System.getProperty("user.home"), ".cache", "ductus", "experiments");
    }

    @Reference(name = "preprocessor", service = Preprocessor.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(&(ductus.stage=preprocessor)(ductus.name=default))", unbind = "unbindPreprocessor")
    void bindPreprocessor(Preprocessor p, Map<String, Object> properties) {
        Object name = properties.get(StageProperties.NAME);
        preprocessor = new Bound(p, name == null ? "unnamed" : String.valueOf(name));
    }

    void unbindPreprocessor(Preprocessor p) {
        Bound b = preprocessor;
        if (b != null && b.preprocessor() == p) preprocessor = null;
    }

    @Override
    public String summary() {
        return DepthCommandLine.summary();
    }

    @Override
    public int run(List<String> args, PrintStream stdout, PrintStream err) throws Exception {
        DatasetProvider d = datasets;
        if (d == null) {
            err.println("experiment: no dataset provider is installed (bundle dev.ductus.data)");
            return 1;
        }
        Bound b = preprocessor;
        return new DepthCommandLine(d, b == null ? null : b.preprocessor(), b == null ? "none" : b.name(), out)
                .run(args, stdout, err);
    }
}
