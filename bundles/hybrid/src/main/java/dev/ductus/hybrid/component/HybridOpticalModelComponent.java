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
import java.util.concurrent.atomic.AtomicReference;
import dev.ductus.api.ServiceSlot;
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

    /** What is loaded: the model, its scaling and the configuration they came from. */
    record Loaded(HybridModel model, ScaledLikelihoods scaling, String path) {
    }

    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    private final ServiceSlot<OpticalModel> slot = new ServiceSlot<>(OpticalModel.class);

    /**
     * DS activation: serves the configured model when it loads; a missing or unreadable file gives a warning and
     * no service until a configuration change (or {@code ductus models build}'s refresh) loads one.
     */
    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        slot.open(context);
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        if (!serving()) {
            try {
                serve(config);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "{0}: no model to serve yet: {1}", config.ductus_name(), e.getMessage());
            }
        } else {
            swap(config);
        }
        if (serving()) {
            slot.offer(this, ServiceSlot.publicProperties(properties, Map.of(
                    StageProperties.STAGE, StageProperties.STAGE_OPTICAL_MODEL)));
        }
    }

    @Deactivate
    void deactivate() {
        slot.close();
    }

    /** Loads the configured model; throws when it cannot (the DS activation below only warns). */
    void serve(Config config) {
        loaded.set(load(config, null));
        LOG.log(System.Logger.Level.INFO, "{0}: serving {1}", config.ductus_name(), config.model_path());
    }

    /** Swaps in the configured model, keeping the old one when the new one cannot be loaded. */
    void swap(Config config) {
        Loaded current = loaded.get();
        try {
            Loaded next = load(config, current);
            loaded.set(next);
            if (current == null || !current.path().equals(next.path())) {
                LOG.log(System.Logger.Level.INFO, "{0}: now serving {1}", config.ductus_name(), next.path());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, config.ductus_name() + ": keeping " + (current == null ? "no model" : current.path())
                    + ", cannot use the new configuration (" + config.model_path() + "): " + e.getMessage(), e);
        }
    }

    /**
     * The model of the configuration (read again only when the path changed) with its scaling.
     *
     * @throws InputException when the file cannot be read or the numbers are out of range
     */
    static Loaded load(Config config, Loaded current) {
        String path = config.model_path();
        if (path == null || path.isBlank()) throw new InputException(PID, "model.path is not set");
        HybridModel model = current != null && current.path().equals(path) ? current.model() : HybridModelFile.read(Path.of(path));
        double exponent = config.prior_exponent() < 0 ? model.priorExponent() : config.prior_exponent();
        try {
            return new Loaded(model, new ScaledLikelihoods(model.priors(), exponent, config.optical_scale()), path);
        } catch (IllegalArgumentException e) {
            throw new InputException(PID + " (" + config.ductus_name() + ")", e.getMessage(), e);
        }
    }

    /** Whether a model is loaded (and the service registered, when running in a framework). */
    boolean serving() {
        return loaded.get() != null;
    }

    @Override
    public ModelInfo info() {
        return loaded.get().model().info();
    }

    @Override
    public FrameScores score(GrayImage line) {
        Loaded l = loaded.get();
        return l.model().score(line, l.scaling());
    }

    /** The scaling in use (for tests and diagnostics). */
    ScaledLikelihoods scaling() {
        return loaded.get().scaling();
    }
}
