package dev.ductus.attention.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.SequenceModel;
import dev.ductus.attention.model.ParagraphModel;
import dev.ductus.ctc.decode.BeamSettings;
import dev.ductus.ctc.decode.PrefixBeamDecoder;
import dev.ductus.store.ModelStore;
import dev.ductus.store.Served;
import dev.ductus.store.service.ModelStage;
import java.nio.file.Path;
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
 * A trained paragraph attention model as a sequence-model stage ({@code dev.ductus.attention.paragraph~NAME.cfg}):
 * a whole page in, its lines out, without line segmentation. Each line the attention finds is decoded by CTC
 * prefix beam search with the pipeline's language model (greedy without one). Model files are served, watched
 * and swapped by the model store as for every other model stage.
 */
@Component(service = {}, configurationPid = "dev.ductus.attention.paragraph",
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StageProperties.STAGE + "=" + StageProperties.STAGE_SEQUENCE_MODEL)
@Designate(ocd = ParagraphModelComponent.Config.class, factory = true)
public class ParagraphModelComponent implements SequenceModel {
    @ObjectClassDefinition(name = "Ductus paragraph attention model", description = "A paragraph attention model file as a sequence model")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name", description = "The name pipelines select the model by")
        String ductus_name() default "attention-paragraph";

        @AttributeDefinition(name = "model.path", description = "The model file written by ductus train")
        String model_path();

        @AttributeDefinition(name = "beam", description = "Prefixes kept per frame of each line")
        int beam() default 16;

        @AttributeDefinition(name = "lm.weight", description = "Scale of the natural-log LM score")
        double lm_weight() default 0.5;

        @AttributeDefinition(name = "insertion.bonus", description = "Added per LM token")
        double insertion_bonus() default 0.0;
    }

    private ModelStage<SequenceModel, ParagraphModel> stage;
    private final AtomicReference<PrefixBeamDecoder> beam = new AtomicReference<>();

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        stage = new ModelStage<>(SequenceModel.class, this,
                new ModelStore<>(config.ductus_name(), files -> ParagraphModel.read(files.get(0), null, null)), m -> Map.of());
        stage.open(context);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        beam.set(new PrefixBeamDecoder(new BeamSettings(config.beam(), config.lm_weight(), config.insertion_bonus(),
                BeamSettings.VocabularyMode.OPEN, Math.log(1e-3))));
        if (config.model_path() == null || config.model_path().isBlank()) {
            System.getLogger(ParagraphModelComponent.class.getName()).log(System.Logger.Level.WARNING,
                    "{0}: model.path is not set", config.ductus_name());
            return;
        }
        stage.configure(ModelStore.Source.of(Path.of(config.model_path())), properties,
                Map.of(StageProperties.STAGE, StageProperties.STAGE_SEQUENCE_MODEL));
    }

    @Deactivate
    void deactivate() {
        stage.close();
    }

    @Override
    public ModelInfo info() {
        return stage.require().model().info();
    }

    @Override
    public Hypothesis recognize(GrayImage image, LanguageModel lm) {
        return stage.require().model().read(image, beam.get(), lm).hypothesis();
    }

    @Override
    public Hypothesis recognize(GrayImage image, LanguageModel lm, Notes notes) {
        Served<ParagraphModel> s = stage.require();
        notes.add(StageProperties.MODEL_VERSION, s.version().id());
        return s.model().read(image, beam.get(), lm).hypothesis();
    }
}
