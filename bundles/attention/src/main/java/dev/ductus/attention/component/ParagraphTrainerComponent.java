package dev.ductus.attention.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.attention.model.ParagraphModel;
import dev.ductus.attention.train.ParagraphTrainer;
import dev.ductus.ctc.mdlstm.MdlstmArchitecture;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Trains paragraph attention models ({@code ductus.system=attention-paragraph}, PID
 * {@code dev.ductus.attention.train.paragraph}) from a trained MDLSTM-CTC line model on paragraph pages and their
 * line transcriptions, no line segmentation. Request options override the configured defaults.
 */
@Component(service = Trainer.class, configurationPid = "dev.ductus.attention.train.paragraph",
        property = StageProperties.SYSTEM + "=" + ParagraphModel.SYSTEM)
@Designate(ocd = ParagraphTrainerComponent.Config.class)
public class ParagraphTrainerComponent implements Trainer {
    @ObjectClassDefinition(name = "Ductus paragraph attention trainer", description = "Trains paragraph readers without line segmentation")
    public @interface Config {
        @AttributeDefinition(name = "attention", description = "Line attention sizes A:FILTERS:KHxKW")
        String attention() default "64:4:21x3";

        int epochs() default 30;

        int batch() default 2;

        double lr() default 1e-3;

        int patience() default 4;
    }

    private volatile ParagraphTrainer trainer;

    @Activate
    @Modified
    void configure(Config c) {
        trainer = new ParagraphTrainer(Map.of("model", MdlstmArchitecture.MODEL, "attention", c.attention(),
                "epochs", Integer.toString(c.epochs()), "batch", Integer.toString(c.batch()), "lr", Double.toString(c.lr()),
                "optimizer", "adam", "patience", Integer.toString(c.patience())));
    }

    @Override
    public Map<String, String> options() {
        return ParagraphTrainer.OPTIONS;
    }

    @Override
    public String system() {
        return ParagraphModel.SYSTEM;
    }

    @Override
    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws Exception {
        return trainer.train(request, listener);
    }
}
