package dev.ductus.ctc.component;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.ctc.input.FeatureSetup;
import dev.ductus.ctc.input.LineEncoder;
import dev.ductus.ctc.input.PixelEncoder;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.ctc.model.CtcOpticalModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A trained BLSTM-CTC or CRNN model as an optical-model stage, one per factory configuration
 * {@code dev.ductus.ctc.model~NAME.cfg} ({@code ductus.name}, {@code model.path}). A changed {@code model.path},
 * or new content at it (a retrained model), is loaded and swapped in by the model store; if that fails the
 * refusal is logged in one line and the old model keeps serving.
 * A request runs to its end on the model it started with. Feature models take their frames from the
 * registered feature extractor whose spec equals the one stored in the model, and refuse to score without it.
 */
@Component(service = {}, configurationPid = "dev.ductus.ctc.model",
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StageProperties.STAGE + "=" + StageProperties.STAGE_OPTICAL_MODEL)
@Designate(ocd = CtcModelComponent.Config.class, factory = true)
public class CtcModelComponent implements OpticalModel {
    @ObjectClassDefinition(name = "Ductus CTC optical model", description = "A BLSTM-CTC or CRNN model file as an optical model")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name", description = "The name pipelines select the model by, e.g. crnn")
        String ductus_name() default "crnn";

        @AttributeDefinition(name = "model.path", description = "The model file written by ductus train")
        String model_path();
    }

    /** A loaded model, and its scorer once the input is available (a feature model needs its extractor). */
    static final class Loaded {
        final Path path;
        final CtcModel model;
        volatile CtcOpticalModel scorer;

        Loaded(Path path, CtcModel model) {
            this.path = path;
            this.model = model;
        }
    }

    private static final System.Logger LOG = System.getLogger(CtcModelComponent.class.getName());
    private final List<FeatureExtractor> extractors = new CopyOnWriteArrayList<>();
    private ModelStage<OpticalModel, Loaded> stage;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addExtractor(FeatureExtractor fx) {
        extractors.add(fx);
    }

    void removeExtractor(FeatureExtractor fx) {
        extractors.remove(fx);
        Served<Loaded> s = stage == null ? null : stage.store().current();
        if (s != null) s.model().scorer = null;
    }

    /**
     * DS activation: serves the configured model when it loads; a missing or unreadable file gives a warning and
     * no service until the file appears (the store watches it) or a configuration change names one that loads.
     */
    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        stage = new ModelStage<>(OpticalModel.class, this,
                new ModelStore<>(config.ductus_name(), files -> new Loaded(files.get(0), CtcModel.read(files.get(0), null, null))),
                l -> propertiesOf(l.model));
        stage.open(context);
        modified(config, properties);
    }

    /** The model's facts a pipeline selects on: the preprocessing chain it was trained on, when recorded. */
    static Map<String, Object> propertiesOf(CtcModel m) {
        return ModelStage.chainOf(m.info().facts());
    }

    /** A new path, or new content at the path, is loaded and swapped in; one that does not load keeps the old. */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        if (config.model_path() == null || config.model_path().isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: model.path is not set", config.ductus_name());
            return;
        }
        stage.configure(ModelStore.Source.of(Path.of(config.model_path())), properties,
                Map.of(StageProperties.STAGE, StageProperties.STAGE_OPTICAL_MODEL));
    }

    @Deactivate
    void deactivate() {
        stage.close();
    }

    /** Whether a model is loaded (and the service registered, when running in a framework). */
    boolean serving() {
        return stage != null && stage.store().current() != null;
    }

    /** The model serving now and its version. */
    Served<Loaded> served() {
        return stage.require();
    }

    @Override
    public ModelInfo info() {
        return stage.require().model().model.info();
    }

    @Override
    public FrameScores score(GrayImage line) {
        return scorer(stage.require().model()).score(line);
    }

    @Override
    public FrameScores score(GrayImage line, Notes notes) {
        Served<Loaded> s = stage.require();
        notes.add(StageProperties.MODEL_VERSION, s.version().id());
        return scorer(s.model()).score(line);
    }

    private CtcOpticalModel scorer(Loaded l) {
        CtcOpticalModel scorer = l.scorer;
        if (scorer == null) {
            scorer = scorer(l.model, l.path.toString(), extractors);
            l.scorer = scorer;
        }
        return scorer;
    }

    /**
     * The scorer of a loaded model: pixel models encode the line themselves, feature models take their frames from
     * the extractor whose spec equals the one stored in the model (plain Java: the Spark job calls it too).
     *
     * @throws InputException naming {@code source} when no extractor has the model's spec
     */
    public static CtcOpticalModel scorer(CtcModel m, String source, List<FeatureExtractor> extractors) {
        return new CtcOpticalModel(m, encoder(m, source, extractors));
    }

    private static LineEncoder encoder(CtcModel m, String source, List<FeatureExtractor> extractors) {
        if (m.inputSpec().startsWith(PixelEncoder.PREFIX)) {
            return new PixelSetup(0).restore(m.inputSpec(), null, null);
        }
        for (FeatureExtractor fx : extractors) {
            if (fx.spec().equals(m.inputSpec())) return new FeatureSetup(fx).restore(m.inputSpec(), m.featureMean(), m.featureStd());
        }
        throw new InputException(source, "the model reads features '" + m.inputSpec()
                + "' and no feature extractor with that spec is registered");
    }
}
