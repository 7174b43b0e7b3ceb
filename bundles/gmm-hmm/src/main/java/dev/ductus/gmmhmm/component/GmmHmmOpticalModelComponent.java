package dev.ductus.gmmhmm.component;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.features.spec.FeatureSpec;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
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
 * A trained GMM-HMM as an optical-model stage, one per factory configuration
 * ({@code dev.ductus.gmmhmm~NAME.cfg} with {@code ductus.name} and {@code model.path}). A changed
 * {@code model.path} loads the new file and swaps it in atomically: requests already running finish on the
 * model they started with; if the new file cannot be loaded the error is logged and the old model stays.
 * The {@link OpticalModel} service is registered only while a model is loaded: a missing file (not trained yet)
 * gives one warning, no service, and the pipelines using it say they wait for it.
 */
@Component(service = {}, configurationPid = GmmHmmOpticalModelComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_OPTICAL_MODEL,
            StageProperties.SYSTEM + "=" + GmmHmmModel.SYSTEM})
@Designate(ocd = GmmHmmOpticalModelComponent.Config.class, factory = true)
public class GmmHmmOpticalModelComponent implements OpticalModel {
    public static final String PID = "dev.ductus.gmmhmm";
    private static final System.Logger LOG = System.getLogger(GmmHmmOpticalModelComponent.class.getName());

    @ObjectClassDefinition(name = "Ductus GMM-HMM optical model",
            description = "Handwriting frames scored by Gaussian mixtures in character HMMs")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name", description = "The name pipelines select this model by")
        String ductus_name() default "gmm-hmm";

        @AttributeDefinition(name = "model.path", description = "The model file written by 'ductus train --system gmm-hmm'")
        String model_path();

        @AttributeDefinition(name = "features.spec", required = false,
                description = "If set, refuse a model trained on other features (e.g. handcrafted:w=3,s=3,deltas=1)")
        String features_spec() default "";
    }

    /** What is loaded: the model and the configuration it came from. */
    private record Loaded(GmmHmmModel model, String path, String expectedSpec) {
    }

    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    private final ServiceSlot<OpticalModel> slot = new ServiceSlot<>(OpticalModel.class);

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        slot.open(context);
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        Loaded current = loaded.get();
        String path = config.model_path();
        String spec = config.features_spec() == null ? "" : config.features_spec().trim();
        if (current == null || !current.path().equals(path) || !current.expectedSpec().equals(spec)) {
            try {
                loaded.set(load(config));
                LOG.log(System.Logger.Level.INFO, "{0}: now serving {1}", config.ductus_name(), path);
            } catch (RuntimeException e) {
                if (current == null) {
                    LOG.log(System.Logger.Level.WARNING, "{0}: no model to serve yet: {1}", config.ductus_name(), e.getMessage());
                } else {
                    LOG.log(System.Logger.Level.ERROR, config.ductus_name() + ": keeping " + current.path() + ", cannot load "
                            + path + ": " + e.getMessage(), e);
                }
            }
        }
        if (loaded.get() != null) {
            slot.offer(this, ServiceSlot.publicProperties(properties, Map.of(
                    StageProperties.STAGE, StageProperties.STAGE_OPTICAL_MODEL,
                    StageProperties.SYSTEM, GmmHmmModel.SYSTEM)));
        }
    }

    @Deactivate
    void deactivate() {
        slot.close();
    }

    /**
     * @throws InputException when the file cannot be read or was trained on other features than configured
     */
    static Loaded load(Config config) {
        String path = config.model_path();
        if (path == null || path.isBlank()) throw new InputException(PID, "model.path is not set");
        GmmHmmModel model = GmmHmmModelFile.read(Path.of(path));
        String expected = config.features_spec() == null ? "" : config.features_spec().trim();
        if (!expected.isEmpty()) {
            String canonical = FeatureSpec.parse(expected).toString();
            if (!canonical.equals(model.featureSpec())) {
                throw new InputException(path, "trained on features '" + model.featureSpec() + "', the configuration asks for '"
                        + canonical + "'");
            }
        }
        return new Loaded(model, path, expected);
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
        GmmHmmModel model = loaded.get().model();
        return model.score(line);
    }
}
