package dev.ductus.attention.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.SequenceModel;
import dev.ductus.attention.decode.AttentionBeamSearch;
import dev.ductus.attention.model.AttentionModel;
import dev.ductus.ctc.input.LineEncoder;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.store.ModelStore;
import dev.ductus.store.Served;
import dev.ductus.store.service.ModelStage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A trained attention line model as a sequence-model stage, one per factory configuration
 * {@code dev.ductus.attention.model~NAME.cfg} ({@code ductus.name}, {@code model.path} and the beam search
 * settings). New content at the path, or a new path, is loaded and swapped in by the model store; a file that
 * does not load is refused in one line and the old model keeps serving. A request runs to its end on the model
 * and settings it started with.
 */
@Component(service = {}, configurationPid = "dev.ductus.attention.model",
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StageProperties.STAGE + "=" + StageProperties.STAGE_SEQUENCE_MODEL)
@Designate(ocd = AttentionModelComponent.Config.class, factory = true)
public class AttentionModelComponent implements SequenceModel {
    @ObjectClassDefinition(name = "Ductus attention model", description = "An attention line model file as a sequence model")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name", description = "The name pipelines select the model by")
        String ductus_name() default "attention-line";

        @AttributeDefinition(name = "model.path", description = "The model file written by ductus train")
        String model_path();

        @AttributeDefinition(name = "beam", description = "Hypotheses kept per symbol (1 = greedy)")
        int beam() default 8;

        @AttributeDefinition(name = "lm.weight", description = "Scale of the natural-log LM score (shallow fusion); 0 = no LM")
        double lm_weight() default 0.3;

        @AttributeDefinition(name = "insertion.bonus", description = "Added per LM token")
        double insertion_bonus() default 0.0;

        @AttributeDefinition(name = "length.penalty", description = "Length normalisation exponent of finished hypotheses (GNMT)")
        double length_penalty() default 0.6;

        @AttributeDefinition(name = "coverage", description = "Weight of the coverage penalty (0 = none)")
        double coverage() default 0.0;

        @AttributeDefinition(name = "ctc.weight", description = "Weight of the CTC head's prefix score in joint CTC/attention decoding (0 = attention alone)")
        double ctc_weight() default 0.3;

        @AttributeDefinition(name = "window", description = "Windowed attention: after the first symbol only the frames within this many of the previous attention's median are scored (0 = every frame)")
        int window() default 0;
    }

    private ModelStage<SequenceModel, AttentionModel> stage;
    private final AtomicReference<AttentionBeamSearch> search = new AtomicReference<>(
            new AttentionBeamSearch(AttentionBeamSearch.Settings.defaults()));

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        stage = new ModelStage<>(SequenceModel.class, this,
                new ModelStore<>(config.ductus_name(), files -> AttentionModel.read(files.get(0), null, null)),
                m -> ModelStage.chainOf(m.facts()));
        stage.open(context);
        modified(config, properties);
    }

    /** New settings apply to the next request; a new path, or new content at it, is loaded and swapped in. */
    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        search.set(new AttentionBeamSearch(settings(config)));
        if (config.model_path() == null || config.model_path().isBlank()) {
            System.getLogger(AttentionModelComponent.class.getName()).log(System.Logger.Level.WARNING,
                    "{0}: model.path is not set", config.ductus_name());
            return;
        }
        stage.configure(ModelStore.Source.of(Path.of(config.model_path())), properties,
                Map.of(StageProperties.STAGE, StageProperties.STAGE_SEQUENCE_MODEL));
    }

    /** The search settings of a configuration. */
    public static AttentionBeamSearch.Settings settings(Config c) {
        return new AttentionBeamSearch.Settings(c.beam(), c.lm_weight(), c.insertion_bonus(), c.length_penalty(), c.coverage(), 2,
                c.ctc_weight(), c.window());
    }

    @Deactivate
    void deactivate() {
        stage.close();
    }

    boolean serving() {
        return stage != null && stage.store().current() != null;
    }

    @Override
    public ModelInfo info() {
        return stage.require().model().info();
    }

    @Override
    public Hypothesis recognize(GrayImage image, LanguageModel lm) {
        return recognize(stage.require().model(), search.get(), image, lm);
    }

    @Override
    public Hypothesis recognize(GrayImage image, LanguageModel lm, Notes notes) {
        Served<AttentionModel> s = stage.require();
        notes.add(StageProperties.MODEL_VERSION, s.version().id());
        return recognize(s.model(), search.get(), image, lm);
    }

    /** Reads one preprocessed line with a loaded model (plain Java: tests and the Spark job call it too). */
    public static Hypothesis recognize(AttentionModel model, AttentionBeamSearch search, GrayImage image, LanguageModel lm) {
        LineEncoder encoder = new PixelSetup(0).restore(model.inputSpec(), null, null);
        return model.recognize(List.of(encoder.encode(image)), search, lm).get(0);
    }
}
