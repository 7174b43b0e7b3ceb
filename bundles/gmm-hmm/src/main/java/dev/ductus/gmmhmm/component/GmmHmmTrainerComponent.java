package dev.ductus.gmmhmm.component;

import dev.ductus.store.service.NamedServices;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.train.TrainingJob;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The GMM-HMM trainer ({@code ductus train --system gmm-hmm --data cursive}). Training samples are raw images:
 * each is run through the preprocessor this component is bound to (by default the chain named
 * {@code default}; {@code preprocessor.target} in {@code dev.ductus.gmmhmm.trainer.cfg} picks another) before
 * its features are extracted. The trainer stays registered without a preprocessor and says so when asked to
 * train raw images.
 */
@Component(service = Trainer.class, configurationPid = GmmHmmTrainerComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {StageProperties.SYSTEM + "=" + GmmHmmModel.SYSTEM, StageProperties.NAME + "=" + GmmHmmModel.SYSTEM})
@Designate(ocd = GmmHmmTrainerComponent.Config.class)
public class GmmHmmTrainerComponent implements Trainer {
    public static final String PID = "dev.ductus.gmmhmm.trainer";

    @ObjectClassDefinition(name = "Ductus GMM-HMM trainer")
    public @interface Config {
        @AttributeDefinition(name = "preprocessor.target",
                description = "Filter selecting the preprocessor applied to training images")
        String preprocessor_target() default "(&(ductus.stage=preprocessor)(ductus.name=default))";
    }

    @Reference(name = "preprocessor", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(&(ductus.stage=preprocessor)(ductus.name=default))")
    private volatile Preprocessor preprocessor;

    private final NamedServices<Preprocessor> chains = new NamedServices<>("preprocessing chain");

    @Reference(name = "chains", service = Preprocessor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(ductus.stage=preprocessor)", unbind = "removeChain")
    void addChain(Preprocessor p, Map<String, Object> properties) {
        chains.add(p, properties);
    }

    void removeChain(Preprocessor p) {
        chains.remove(p);
    }

    @Override
    public java.util.Map<String, String> options() {
        return dev.ductus.gmmhmm.train.GmmHmmTrainingOptions.OPTIONS;
    }

    @Override
    public String system() {
        return GmmHmmModel.SYSTEM;
    }

    /** Trains on images preprocessed by the bound chain, or by the chain the request's {@code chain} option names. */
    @Override
    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws Exception {
        String chain = request.option("chain", "");
        Preprocessor pre = chain.isBlank() ? preprocessor : chains.get(chain, 10_000);
        return new TrainingJob(pre).run(request, listener);
    }
}
