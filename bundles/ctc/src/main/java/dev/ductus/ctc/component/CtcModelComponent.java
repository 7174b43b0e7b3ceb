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
import java.util.concurrent.atomic.AtomicReference;
import dev.ductus.api.ServiceSlot;
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
 * {@code dev.ductus.ctc.model~NAME.cfg} ({@code ductus.name}, {@code model.path}). A changed {@code model.path}
 * loads the new file and swaps it in; if that fails the error is logged and the old model keeps serving.
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

    /** A loaded model, and its encoder once the input is available. */
    private static final class Loaded {
        final Path path;
        final CtcModel model;
        volatile CtcOpticalModel scorer;

        Loaded(Path path, CtcModel model) {
            this.path = path;
            this.model = model;
        }
    }

    private static final System.Logger LOG = System.getLogger(CtcModelComponent.class.getName());
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final List<FeatureExtractor> extractors = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addExtractor(FeatureExtractor fx) {
        extractors.add(fx);
    }

    void removeExtractor(FeatureExtractor fx) {
        extractors.remove(fx);
        Loaded l = current.get();
        if (l != null) l.scorer = null;
    }

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
        Path path = Path.of(config.model_path());
        current.set(new Loaded(path, CtcModel.read(path, null, null)));
        LOG.log(System.Logger.Level.INFO, "loaded {0}: {1}", path, current.get().model);
    }

    /** Swaps in the configured model, keeping the old one when the new one cannot be loaded. */
    void swap(Config config) {
        Path path = Path.of(config.model_path());
        Loaded old = current.get();
        if (old != null && old.path.equals(path)) return;
        try {
            current.set(new Loaded(path, CtcModel.read(path, null, null)));
            LOG.log(System.Logger.Level.INFO, "swapped in {0}", path);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot load " + path + "; keeping " + (old == null ? "nothing" : old.path) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether a model is loaded (and the service registered, when running in a framework). */
    boolean serving() {
        return current.get() != null;
    }

    @Override
    public ModelInfo info() {
        return current.get().model.info();
    }

    @Override
    public FrameScores score(GrayImage line) {
        Loaded l = current.get();
        CtcOpticalModel scorer = l.scorer;
        if (scorer == null) {
            scorer = new CtcOpticalModel(l.model, encoder(l));
            l.scorer = scorer;
        }
        return scorer.score(line);
    }

    private LineEncoder encoder(Loaded l) {
        CtcModel m = l.model;
        if (m.inputSpec().startsWith(PixelEncoder.PREFIX)) {
            return new PixelSetup(0).restore(m.inputSpec(), null, null);
        }
        for (FeatureExtractor fx : extractors) {
            if (fx.spec().equals(m.inputSpec())) return new FeatureSetup(fx).restore(m.inputSpec(), m.featureMean(), m.featureStd());
        }
        throw new InputException(l.path.toString(), "the model reads features '" + m.inputSpec()
                + "' and no feature extractor with that spec is registered");
    }
}
