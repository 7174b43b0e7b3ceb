package dev.ductus.ctc.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.ctc.input.PixelSetup;
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
 * Trains CNN-BLSTM-CTC (CRNN, Puigcerver 2017 style) models on raw pixels ({@code ductus.system=crnn}, PID
 * {@code dev.ductus.ctc.train.crnn}). Lines go through the preprocessor its {@code preprocessor.target}
 * selects, then are scaled to {@code height}. Request options override the configured defaults.
 */
@Component(service = Trainer.class, configurationPid = "dev.ductus.ctc.train.crnn",
        property = StageProperties.SYSTEM + "=crnn")
@Designate(ocd = CrnnTrainerComponent.Config.class)
public class CrnnTrainerComponent implements Trainer {
    @ObjectClassDefinition(name = "Ductus CRNN trainer", description = "Trains CNN-BLSTM-CTC models on pixels")
    public @interface Config {
        @AttributeDefinition(name = "preprocessor.target", description = "Filter selecting the preprocessor")
        String preprocessor_target() default "(ductus.name=pixels)";

        @AttributeDefinition(name = "height", description = "Line height the network reads, in pixels")
        int height() default 48;

        @AttributeDefinition(name = "model", description = "Model string of the hidden layers")
        String model() default "conv=16:3x3,pool=2x2,conv=32:3x3,pool=2x2,conv=48:3x3,pool=2x2,conv=64:3x3,blstm=128,dropout=0.5,blstm=128,dropout=0.5";

        int epochs() default 40;

        int batch() default 16;

        double lr() default 1e-3;

        int patience() default 6;

        boolean augment() default true;
    }

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
        trainer = new CtcTrainer("crnn", new PixelSetup(c.height()), preprocessor, Map.of(
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
        return "crnn";
    }

    @Override
    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws Exception {
        return trainer.train(request, listener);
    }
}
