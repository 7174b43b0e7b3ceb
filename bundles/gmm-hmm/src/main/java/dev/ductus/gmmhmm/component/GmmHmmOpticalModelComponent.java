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
import java.util.List;
import dev.ductus.api.Notes;
import dev.ductus.store.ModelStore;
import dev.ductus.store.Served;
import dev.ductus.store.service.ModelStage;
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

    private ModelStage<OpticalModel, GmmHmmModel> stage;

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        stage = new ModelStage<>(OpticalModel.class, this, new ModelStore<>(config.ductus_name(), files -> load(files.get(0), spec)),
                m -> ModelStage.chainOf(m.info().facts()));
        stage.open(context);
        modified(config, properties);
    }

    /** A changed path or feature spec loads the new model; a failure keeps the old one serving (the store logs it). */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        String path = config.model_path();
        if (path == null || path.isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: model.path is not set", config.ductus_name());
            return;
        }
        String spec = config.features_spec() == null ? "" : config.features_spec().trim();
        this.spec = spec; // read by the loader; part of the source key, so a new spec reloads
        stage.configure(new ModelStore.Source(List.of(Path.of(path)), "features.spec=" + spec, ""), properties, Map.of(
                StageProperties.STAGE, StageProperties.STAGE_OPTICAL_MODEL, StageProperties.SYSTEM, GmmHmmModel.SYSTEM));
    }

    private volatile String spec = "";

    @Deactivate
    void deactivate() {
        stage.close();
    }

    /**
     * @throws InputException when the file cannot be read or was trained on other features than configured
     */
    public static GmmHmmModel load(Path file, String expected) {
        GmmHmmModel model = GmmHmmModelFile.read(file);
        if (!expected.isEmpty()) {
            String canonical = FeatureSpec.parse(expected).toString();
            if (!canonical.equals(model.featureSpec())) {
                throw new InputException(file.toString(), "trained on features '" + model.featureSpec() + "', the configuration asks for '"
                        + canonical + "'");
            }
        }
        return model;
    }

    /** Whether a model is loaded (and the service registered, when running in a framework). */
    boolean serving() {
        return stage != null && stage.store().current() != null;
    }

    @Override
    public ModelInfo info() {
        return stage.require().model().info();
    }

    @Override
    public FrameScores score(GrayImage line) {
        return stage.require().model().score(line);
    }

    @Override
    public FrameScores score(GrayImage line, Notes notes) {
        Served<GmmHmmModel> s = stage.require();
        notes.add(StageProperties.MODEL_VERSION, s.version().id());
        return s.model().score(line);
    }
}
