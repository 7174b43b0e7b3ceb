package dev.ductus.image.component;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.step.ChainAssembly;
import dev.ductus.image.step.PreprocessingChain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A named preprocessing chain, one per factory configuration {@code dev.ductus.image.chain~NAME}. It follows
 * every {@code ductus.stage=preprocessing-step} service and registers a {@link Preprocessor} with
 * {@code ductus.stage=preprocessor} and its {@code ductus.name} only while every step its {@code steps} list
 * names is present; it withdraws the service (and logs the missing steps) when one leaves, and re-assembles
 * when {@code steps} changes, without a restart. Each call snapshots the assembled chain when it starts, so it
 * finishes on the steps it began with even while the chain is swapped.
 */
@Component(service = {}, immediate = true, configurationPid = "dev.ductus.image.chain",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PreprocessingChainComponent.Config.class, factory = true)
public class PreprocessingChainComponent {
    @ObjectClassDefinition(name = "Ductus preprocessing chain",
            description = "Runs named preprocessing steps in order and offers them as one Preprocessor.")
    public @interface Config {
        @AttributeDefinition(description = "The name pipelines select this chain by (preprocessor.target=(ductus.name=...))")
        String ductus_name() default "default";

        @AttributeDefinition(description = "Step names in order: contrast, binarize, deskew, deslant, crop, normalize"
                + " (an array, or one comma-separated string)")
        String[] steps() default {"contrast", "deskew", "deslant", "crop", "normalize"};
    }

    private final System.Logger log = System.getLogger(getClass().getName());
    private final ChainAssembly assembly = new ChainAssembly();
    /** Serialises (un)registration so the registered state always follows the latest assembly. */
    private final Object registrationLock = new Object();
    private final Preprocessor service = this::process;

    private volatile PreprocessingChain current;
    private BundleContext context;
    private String name;
    private List<String> steps;
    private ServiceRegistration<Preprocessor> registration;
    private List<String> reportedMissing = List.of();

    @Activate
    void activate(BundleContext context, Config config) {
        synchronized (registrationLock) {
            this.context = context;
            configure(config);
        }
        reconcile();
    }

    @Modified
    void modified(Config config) {
        synchronized (registrationLock) {
            configure(config);
        }
        reconcile();
    }

    @Deactivate
    void deactivate() {
        synchronized (registrationLock) {
            context = null;
            current = null;
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework unregisters a stopping bundle's services itself
                }
                registration = null;
            }
        }
    }

    @Reference(service = Preprocessor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSING_STEP + ")",
            unbind = "removeStep", updated = "updatedStep")
    void addStep(Preprocessor step, Map<String, Object> properties) {
        assembly.add(stepName(properties), step, ranking(properties), serviceId(properties));
        reconcile();
    }

    void updatedStep(Preprocessor step, Map<String, Object> properties) {
        assembly.remove(step);
        assembly.add(stepName(properties), step, ranking(properties), serviceId(properties));
        reconcile();
    }

    void removeStep(Preprocessor step, Map<String, Object> properties) {
        assembly.remove(step);
        reconcile();
    }

    private GrayImage process(GrayImage image, Notes notes) {
        PreprocessingChain chain = current;
        if (chain == null) {
            throw new InputException("preprocessor " + name, "the chain is incomplete; missing steps " + reportedMissing);
        }
        return chain.process(image, notes);
    }

    private void configure(Config config) {
        name = config.ductus_name();
        steps = stepNames(config.steps());
    }

    /**
     * The step names; an element may hold several separated by commas, since a plain {@code .cfg} file
     * (FileInstall) can only say {@code steps=contrast,deskew,crop}, which arrives as one string.
     */
    public static List<String> stepNames(String[] configured) {
        List<String> names = new ArrayList<>();
        for (String element : configured == null ? new String[0] : configured) {
            // split at commas outside parentheses: "crop,normalize(mode=uniform,height=64)" is two steps
            int depth = 0;
            int start = 0;
            for (int i = 0; i <= element.length(); i++) {
                char c = i < element.length() ? element.charAt(i) : ',';
                if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == ',' && depth <= 0) {
                    String n = element.substring(start, i);
                    if (!n.isBlank()) names.add(n.trim());
                    start = i + 1;
                }
            }
        }
        return List.copyOf(names);
    }

    private void reconcile() {
        synchronized (registrationLock) {
            if (context == null) return;
            ChainAssembly.State state;
            try {
                state = assembly.assemble(steps);
            } catch (IllegalArgumentException e) {
                log.log(System.Logger.Level.ERROR, "preprocessing chain ''{0}'': {1}; keeping the previous chain", name, e.getMessage());
                return;
            }
            if (!state.complete()) {
                current = null;
                if (registration != null) {
                    registration.unregister();
                    registration = null;
                }
                boolean stopping = context.getBundle().getState() == Bundle.STOPPING;
                if (!state.missing().equals(reportedMissing) && !stopping) {
                    log.log(System.Logger.Level.WARNING, "preprocessing chain ''{0}'' waits for steps {1}; not registered",
                            name, state.missing());
                }
                reportedMissing = state.missing();
                return;
            }
            current = state.chain();
            reportedMissing = List.of();
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(StageProperties.STAGE, StageProperties.STAGE_PREPROCESSOR);
            properties.put(StageProperties.NAME, name);
            properties.put("steps", steps.toArray(String[]::new));
            if (registration == null) {
                registration = context.registerService(Preprocessor.class, service, properties);
                log.log(System.Logger.Level.INFO, "preprocessing chain ''{0}'' registered: {1}", name, steps);
            } else {
                registration.setProperties(properties);
            }
        }
    }

    private static String stepName(Map<String, Object> properties) {
        Object n = properties.get(StageProperties.NAME);
        return n == null ? "" : n instanceof String[] a ? String.join(",", Arrays.asList(a)) : n.toString();
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_ID) instanceof Long l ? l : Long.MAX_VALUE;
    }
}
