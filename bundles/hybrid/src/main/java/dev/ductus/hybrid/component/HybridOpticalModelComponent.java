package dev.ductus.hybrid.component;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.HybridModelFile;
import dev.ductus.hybrid.model.ScaledLikelihoods;
import java.nio.file.Path;
import dev.ductus.api.Notes;
import dev.ductus.store.ModelStore;
import dev.ductus.store.Served;
import dev.ductus.store.service.ModelStage;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A trained MLP-HMM or RNN-HMM as an optical-model stage, one per factory configuration
 * ({@code dev.ductus.hybrid.model~NAME.cfg} with {@code ductus.name} and {@code model.path}). Its frame scores
 * are HMM state scaled likelihoods carrying the GMM-HMM's HMM structure, so the pipeline's HMM decoder (lexicon,
 * LM, weights) reads them as it reads a GMM-HMM's: swapping a pipeline's {@code model.target} between the two is
 * one configuration edit. {@code prior.exponent} and {@code optical.scale} change the scaling on the next
 * request; a new {@code model.path} is loaded and swapped in atomically (requests already running finish on the
 * model they started with), and a file that cannot be loaded is logged while the old model keeps serving.
 */
@Component(service = {}, configurationPid = HybridOpticalModelComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StageProperties.STAGE + "=" + StageProperties.STAGE_OPTICAL_MODEL)
@Designate(ocd = HybridOpticalModelComponent.Config.class, factory = true)
public class HybridOpticalModelComponent implements OpticalModel {
    public static final String PID = "dev.ductus.hybrid.model";
    private static final System.Logger LOG = System.getLogger(HybridOpticalModelComponent.class.getName());

    @ObjectClassDefinition(name = "Ductus hybrid optical model",
            description = "MLP-HMM or RNN-HMM: network state posteriors divided by the state priors, for the HMM decoder")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name", description = "The name pipelines select this model by")
        String ductus_name() default "mlp-hmm";

        @AttributeDefinition(name = "model.path", description = "The model file written by 'ductus train --system mlp-hmm' (or rnn-hmm)")
        String model_path();

        @AttributeDefinition(name = "prior.exponent", required = false,
                description = "a in log p(s|x) - a log p(s); negative: the value stored in the model")
        double prior_exponent() default -1;

        @AttributeDefinition(name = "optical.scale", required = false,
                description = "Factor on every scaled log-likelihood, to meet decoder weights tuned for another optical model")
        double optical_scale() default 1.0;
    }

    /** What is loaded: the model and its scaling, made from the file and the configuration's numbers. */
    public record Loaded(HybridModel model, ScaledLikelihoods scaling) {
    }

    private ModelStage<OpticalModel, Loaded> stage;
    private volatile Config config;

    /**
     * DS activation: serves the configured model when it loads; a missing or unreadable file gives a warning and
     * no service until the file appears (the store watches it) or a configuration change loads one.
     */
    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        this.config = config;
        stage = new ModelStage<>(OpticalModel.class, this, new ModelStore<>(config.ductus_name(), files -> load(files.get(0), this.config)),
                l -> ModelStage.chainOf(l.model().info().facts()));
        stage.open(context);
        modified(config, properties);
    }

    /** A new path, prior exponent or scale makes a new model; one that cannot be made keeps the old one serving. */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        if (config.model_path() == null || config.model_path().isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: model.path is not set", config.ductus_name());
            return;
        }
        this.config = config; // read by the loader; its numbers are the source key, so a change reloads
        stage.configure(new ModelStore.Source(List.of(Path.of(config.model_path())),
                "prior.exponent=" + config.prior_exponent() + ";optical.scale=" + config.optical_scale(), ""), properties,
                Map.of(StageProperties.STAGE, StageProperties.STAGE_OPTICAL_MODEL));
    }

    @Deactivate
    void deactivate() {
        stage.close();
    }

    /**
     * The model in the file with the configuration's scaling.
     *
     * @throws InputException when the file cannot be read or the numbers are out of range
     */
    public static Loaded load(Path file, Config config) {
        HybridModel model = HybridModelFile.read(file);
        double exponent = config.prior_exponent() < 0 ? model.priorExponent() : config.prior_exponent();
        try {
            return new Loaded(model, new ScaledLikelihoods(model.priors(), exponent, config.optical_scale()));
        } catch (IllegalArgumentException e) {
            throw new InputException(PID + " (" + config.ductus_name() + ")", e.getMessage(), e);
        }
    }

    /** Whether a model is loaded (and the service registered, when running in a framework). */
    boolean serving() {
        return stage != null && stage.store().current() != null;
    }

    @Override
    public ModelInfo info() {
        return stage.require().model().model().info();
    }

    @Override
    public FrameScores score(GrayImage line) {
        Loaded l = stage.require().model();
        return l.model().score(line, l.scaling());
    }

    @Override
    public FrameScores score(GrayImage line, Notes notes) {
        Served<Loaded> s = stage.require();
        notes.add(StageProperties.MODEL_VERSION, s.version().id());
        return s.model().model().score(line, s.model().scaling());
    }

    /** The scaling in use (for tests and diagnostics). */
    ScaledLikelihoods scaling() {
        return stage.require().model().scaling();
    }
}
