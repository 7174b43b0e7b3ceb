package dev.ductus.hybrid.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.train.Trainer;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.net.HybridTopology;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The MLP-HMM trainer ({@code ductus train --system mlp-hmm --data cursive --set gmm.model=FILE}): frame
 * targets from the GMM-HMM's forced alignment (cached with the data), a network of window of frames, ReLU layers trained
 * on frame cross-entropy. Training images go through the preprocessor {@code preprocessor.target} selects
 * (default chain {@code default}); configuration {@code dev.ductus.hybrid.trainer.mlp} gives defaults under the request's
 * options.
 */
@Component(service = Trainer.class, configurationPid = MlpHmmTrainerComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {StageProperties.SYSTEM + "=" + HybridModel.MLP_HMM, StageProperties.NAME + "=" + HybridModel.MLP_HMM})
@Designate(ocd = MlpHmmTrainerComponent.Config.class)
public class MlpHmmTrainerComponent extends HybridTrainerComponent {
    public static final String PID = "dev.ductus.hybrid.trainer.mlp";

    @ObjectClassDefinition(name = "Ductus MLP-HMM trainer")
    public @interface Config {
        @AttributeDefinition(name = "preprocessor.target", description = "Filter selecting the preprocessor applied to training images")
        String preprocessor_target() default "(&(ductus.stage=preprocessor)(ductus.name=default))";

        @AttributeDefinition(name = "gmm.model", required = false, description = "Default GMM-HMM model file that aligns the data")
        String gmm_model() default "";

        @AttributeDefinition(name = "model", description = "Hidden layers as a model string (the output layer is added)")
        String model() default HybridTopology.DEFAULT_MLP;

        @AttributeDefinition(name = "epochs")
        int epochs() default 12;

        @AttributeDefinition(name = "patience", description = "Epochs without a better validation FER before stopping")
        int patience() default 3;

        @AttributeDefinition(name = "prior.exponent", description = "Prior exponent stored as the model's default")
        double prior_exponent() default 1.0;

        @AttributeDefinition(name = "realign", description = "Re-alignment passes with the hybrid itself")
        int realign() default 0;
    }

    @Activate
    @Modified
    void configure(Config c) {
        defaults(c.gmm_model(), c.model(), c.epochs(), c.patience(), c.prior_exponent(), c.realign());
    }

    @Override
    public String system() {
        return HybridModel.MLP_HMM;
    }
}
