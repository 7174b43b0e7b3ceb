package dev.ductus.attention.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.attention.model.AttentionModel;
import dev.ductus.attention.train.AttentionTrainer;
import dev.ductus.ctc.input.PixelSetup;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Trains attention line models on pixels ({@code ductus.system=attention-line}, PID
 * {@code dev.ductus.attention.train}): a CNN-BLSTM encoder, new or taken from a trained CRNN ({@code encoder=PATH}),
 * and a location-aware attention decoder, with the joint CTC-attention loss. Lines go through the preprocessor
 * its {@code preprocessor.target} selects, then are scaled to {@code height}. Request options override the
 * configured defaults.
 */
@Component(service = Trainer.class, configurationPid = "dev.ductus.attention.train",
        property = StageProperties.SYSTEM + "=" + AttentionModel.SYSTEM)
@Designate(ocd = AttentionTrainerComponent.Config.class)
public class AttentionTrainerComponent implements Trainer {
    @ObjectClassDefinition(name = "Ductus attention trainer", description = "Trains attention encoder-decoder line models on pixels")
    public @interface Config {
        @AttributeDefinition(name = "preprocessor.target", description = "Filter selecting the preprocessor")
        String preprocessor_target() default "(ductus.name=pixels)";

        @AttributeDefinition(name = "height", description = "Line height the network reads, in pixels")
        int height() default 48;

        @AttributeDefinition(name = "model", description = "Model string of a new encoder's hidden layers (the CTC head is added)")
        String model() default "conv=16:3x3,pool=2x2,conv=32:3x3,pool=2x2,conv=48:3x3,pool=2x2,conv=64:3x3,blstm=128,dropout=0.5,blstm=128,dropout=0.5";

        @AttributeDefinition(name = "decoder", description = "Decoder sizes E:H:A:FILTERS:WIDTH")
        String decoder() default "64:256:128:8:15";

        int epochs() default 40;

        int batch() default 16;

        double lr() default 1e-3;

        int patience() default 4;

        boolean augment() default true;
    }

    private Preprocessor preprocessor;
    private String chain = "";

    @Reference(name = "preprocessor")
    void bindPreprocessor(Preprocessor p, Map<String, Object> properties) {
        preprocessor = p;
        Object n = properties.get(StageProperties.NAME);
        chain = n == null ? "" : n.toString();
    }

    private volatile AttentionTrainer trainer;

    @Activate
    @Modified
    void configure(Config c) {
        trainer = new AttentionTrainer(new PixelSetup(c.height()), preprocessor, Map.of(
                "chain", chain, "model", c.model(), "decoder", c.decoder(),
                "epochs", Integer.toString(c.epochs()), "batch", Integer.toString(c.batch()),
                "lr", Double.toString(c.lr()), "optimizer", "adam", "patience", Integer.toString(c.patience()),
                "augment", Boolean.toString(c.augment())));
    }

    @Override
    public Map<String, String> options() {
        return AttentionTrainer.OPTIONS;
    }

    @Override
    public String system() {
        return AttentionModel.SYSTEM;
    }

    @Override
    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws Exception {
        return trainer.train(request, listener);
    }
}
