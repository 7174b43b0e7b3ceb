package dev.ductus.hybrid.component;

import dev.ductus.store.service.NamedServices;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.hybrid.train.HybridTrainingJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What the MLP-HMM and RNN-HMM trainer components share: the bound preprocessor (its {@code ductus.name} is
 * part of the alignment cache key), or the chain the request's {@code chain} option names (that of the GMM-HMM
 * that aligns the data), the configured defaults under the request's options, and the service references (DS
 * reads them from this class: {@code -dsannotations-options: inherit}). A subclass adds its configuration type
 * and its system.
 */
abstract class HybridTrainerComponent implements Trainer {
    /** The preprocessor and its name, bound together. */
    private record Bound(Preprocessor preprocessor, String name) {
    }

    private volatile Bound bound;
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
    private volatile Map<String, String> defaults = Map.of();

    @Reference(name = "preprocessor", service = Preprocessor.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(&(ductus.stage=preprocessor)(ductus.name=default))", unbind = "unbind")
    void bind(Preprocessor p, Map<String, Object> properties) {
        Object name = properties.get(StageProperties.NAME);
        bound = new Bound(p, name == null ? "unnamed" : String.valueOf(name));
    }

    void unbind(Preprocessor p) {
        Bound b = bound;
        if (b != null && b.preprocessor() == p) bound = null;
    }

    /** The configuration's values as defaults under the request's options (blank ones left out). */
    void defaults(String gmmModel, String model, int epochs, int patience, double priorExponent, int realign) {
        defaults(Map.of("gmm.model", gmmModel, "model", model, "epochs", Integer.toString(epochs),
                "patience", Integer.toString(patience), "prior.exponent", Double.toString(priorExponent),
                "realign", Integer.toString(realign)));
    }

    void defaults(Map<String, String> d) {
        Map<String, String> m = new LinkedHashMap<>();
        d.forEach((k, v) -> {
            if (v != null && !v.isBlank()) m.put(k, v);
        });
        defaults = Map.copyOf(m);
    }

    @Override
    public Map<String, String> options() {
        return dev.ductus.hybrid.train.HybridTrainingOptions.OPTIONS;
    }

    @Override
    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws Exception {
        Bound b = bound;
        String chain = request.option("chain", "");
        if (!chain.isBlank()) b = new Bound(chains.get(chain, 10_000), chain);
        Map<String, String> d = new LinkedHashMap<>(defaults);
        if (b != null) d.putIfAbsent("preprocessing", b.name());
        return new HybridTrainingJob(system(), b == null ? null : b.preprocessor(), d).run(request, listener);
    }
}
