package dev.ductus.ctc.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.ctc.input.FeatureSetup;
import dev.ductus.ctc.train.CtcTrainer;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Trains BLSTM-CTC models on sliding-window feature frames ({@code ductus.system=blstm-ctc}, PID
 * {@code dev.ductus.ctc.train.blstm}). The feature extractor is the one {@code features.target} selects; the
 * model stores its spec and feature statistics, and is only ever fed frames of that spec again.
 */
@Component(service = Trainer.class, configurationPid = "dev.ductus.ctc.train.blstm",
        property = StageProperties.SYSTEM + "=blstm-ctc")
@Designate(ocd = BlstmCtcTrainerComponent.Config.class)
public class BlstmCtcTrainerComponent implements Trainer {
    @ObjectClassDefinition(name = "Ductus BLSTM-CTC trainer", description = "Trains BLSTM-CTC models on feature frames")
    public @interface Config {
        @AttributeDefinition(name = "features.target", description = "Filter selecting the feature extractor")
        String features_target() default "(ductus.name=handcrafted)";

        @AttributeDefinition(name = "preprocessor.target", description = "Filter selecting the preprocessor")
        String preprocessor_target() default "(ductus.name=default)";

        @AttributeDefinition(name = "model", description = "Model string of the hidden layers")
        String model() default "blstm=128,dropout=0.5,blstm=128,dropout=0.5";

        int epochs() default 40;

        int batch() default 16;

        double lr() default 1e-3;

        int patience() default 6;

        boolean augment() default true;
    }

    @Reference(name = "features")
    private FeatureExtractor features;

    private Preprocessor preprocessor;
    /** The preprocessor's name: the chain the models are trained on, recorded in them ({@code chain}). */
    private String chain = "";

    @Reference(name = "preprocessor")
    void bindPreprocessor(Preprocessor p, Map<String, Object> properties) {
        preprocessor = p;
        Object n = properties.get(StageProperties.NAME);
        chain = n == null ? "" : n.toString();
    }

    private volatile CtcTrainer trainer;

    @Activate
    @Modified
    void configure(Config c) {
        trainer = new CtcTrainer("blstm-ctc", new FeatureSetup(features), preprocessor, Map.of(
                "chain", chain,
                "model", c.model(), "epochs", Integer.toString(c.epochs()), "batch", Integer.toString(c.batch()),
                "lr", Double.toString(c.lr()), "optimizer", "adam", "patience", Integer.toString(c.patience()),
                "augment", Boolean.toString(c.augment())));
    }

    @Override
    public Map<String, String> options() {
        return dev.ductus.ctc.train.TrainingOptions.OPTIONS;
    }

    @Override
    public String system() {
        return "blstm-ctc";
    }

    @Override
    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws Exception {
        return trainer.train(request, listener);
    }
}
