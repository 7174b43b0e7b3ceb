package dev.ductus.pipeline.component;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineSegmenter;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.model.SequenceModel;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.pipeline.assembly.Pipeline;
import dev.ductus.pipeline.assembly.Stages;
import dev.ductus.pipeline.assembly.Stages.Stage;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
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
 * A pipeline assembled from a factory configuration ({@code dev.ductus.pipeline~NAME.cfg}): it registers a
 * {@link Recognizer} named NAME whose stages are the services matching the configured filters.
 *
 * <p>Why it tracks every stage instead of using DS target filters: with a target, a filter naming a stage that
 * does not exist would make the component unsatisfied and take the Recognizer away mid-traffic. Tracking all
 * candidates lets a bad edit be logged while the old stage keeps serving, and a request in flight keeps the
 * {@link Stages} it started with, because every change publishes a new immutable Stages.
 */
@Component(configurationPid = PipelineComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = PipelineComponent.Config.class, factory = true)
public class PipelineComponent {
    public static final String PID = "dev.ductus.pipeline";
    private static final System.Logger LOG = System.getLogger(PipelineComponent.class.getName());

    @ObjectClassDefinition(name = "Ductus pipeline", description = "Stages of one recognition pipeline, chosen by service filters")
    public @interface Config {
        @AttributeDefinition(description = "Pipeline name (default: the part of the PID after '~')")
        String name() default "";

        @AttributeDefinition(description = "Filter choosing the preprocessor; empty for none")
        String preprocessor_target() default "(ductus.name=default)";

        @AttributeDefinition(description = "Filter choosing the line segmenter (paragraph input); empty for none")
        String segmenter_target() default "";

        @AttributeDefinition(description = "Filter choosing the optical or sequence model; empty for a preprocessing-only pipeline")
        String model_target() default "";

        @AttributeDefinition(description = "Filter choosing the decoder; empty to use any decoder that reads the model's scores")
        String decoder_target() default "";

        @AttributeDefinition(description = "Filter choosing the language model; empty for none")
        String lm_target() default "";

        @AttributeDefinition(description = "line or paragraph")
        String input() default "line";

        @AttributeDefinition(description = "One line saying what this pipeline is")
        String description() default "";

        @AttributeDefinition(description = "The embedded dataset the pipeline's models were trained for (cursive, digits, ...); "
                + "empty when it reads any text. `compare --pipelines all` and the demo match on it")
        String data() default "";
    }

    private final StageCandidates<Preprocessor> preprocessors = new StageCandidates<>();
    private final StageCandidates<LineSegmenter> segmenters = new StageCandidates<>();
    private final StageCandidates<OpticalModel> opticals = new StageCandidates<>();
    private final StageCandidates<SequenceModel> sequences = new StageCandidates<>();
    private final StageCandidates<Decoder> decoders = new StageCandidates<>();
    private final StageCandidates<LanguageModel> lms = new StageCandidates<>();

    private volatile Stages current = Stages.NONE;
    private volatile Pipeline pipeline;
    private volatile String status = "starting";
    private volatile boolean ready;
    private Config config;
    private String description = "";
    private ServiceRegistration<Recognizer> registration;
    private BundleContext bundleContext;
    private boolean active;

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        synchronized (this) {
            this.config = config;
            this.bundleContext = context;
            this.pipeline = new Pipeline(nameOf(config, properties), "paragraph".equalsIgnoreCase(config.input()));
            this.description = config.description();
            active = true;
            reselect();
            registration = context.registerService(Recognizer.class, new PipelineRecognizer(), serviceProperties());
        }
        LOG.log(Level.INFO, "pipeline {0}: {1}", pipeline.name(), status);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        synchronized (this) {
            String name = nameOf(config, properties);
            this.config = config;
            this.description = config.description();
            if (!name.equals(pipeline.name()) || pipeline.paragraphs() != "paragraph".equalsIgnoreCase(config.input())) {
                pipeline = new Pipeline(name, "paragraph".equalsIgnoreCase(config.input()));
            }
            reselect();
        }
        LOG.log(Level.INFO, "pipeline {0} reconfigured: {1}", pipeline.name(), status);
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            active = false;
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework is stopping and took the registration already
                }
                registration = null;
            }
        }
    }

    /** Recomputes the stages after a configuration or service change and publishes them. */
    private void reselect() {
        if (!active) return;
        Stages old = current;
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Stage<Preprocessor> pre = select("preprocessor", config.preprocessor_target(), preprocessors, old.preprocessor(), problems, missing);
        Stage<LineSegmenter> seg = select("line segmenter", config.segmenter_target(), segmenters, old.segmenter(), problems, missing);
        Stage<OpticalModel> opt = null;
        Stage<SequenceModel> seq = null;
        String modelFilter = config.model_target();
        if (!modelFilter.isBlank()) {
            // one filter, two kinds of model: whichever matches; a miss keeps the previous model of either kind
            Filter filter = parse("model", modelFilter);
            opt = filter == null ? null : opticals.best(filter);
            seq = opt != null || filter == null ? null : sequences.best(filter);
            if (opt == null && seq == null) {
                String problem = filter == null ? "model filter " + modelFilter + " does not parse"
                        : "no optical or sequence model matches " + modelFilter;
                if (old.optical() != null && opticals.contains(old.optical().service())) {
                    opt = old.optical();
                    problems.add(problem + "; keeping " + opt.name());
                } else if (old.sequence() != null && sequences.contains(old.sequence().service())) {
                    seq = old.sequence();
                    problems.add(problem + "; keeping " + seq.name());
                } else {
                    missing.add(problem);
                }
            }
        }
        Stage<Decoder> dec = null;
        List<Stage<Decoder>> anyDecoder = List.of();
        if (opt != null) {
            if (config.decoder_target().isBlank()) {
                anyDecoder = decoders.all();
                if (anyDecoder.isEmpty()) missing.add("no decoder is installed");
            } else {
                dec = select("decoder", config.decoder_target(), decoders, old.decoder(), problems, missing);
            }
        }
        Stage<LanguageModel> lm = select("language model", config.lm_target(), lms, old.lm(), problems, missing);
        Stages next = new Stages(pre, seg, opt, seq, dec, anyDecoder, lm);
        boolean nowReady = missing.isEmpty();
        String newStatus;
        if (!nowReady) {
            newStatus = "waiting: " + String.join("; ", missing);
        } else if (!problems.isEmpty()) {
            newStatus = "degraded (kept previous stages): " + String.join("; ", problems);
        } else {
            newStatus = "ready: " + next.describe();
        }
        boolean shuttingDown = shuttingDown();
        for (String p : problems) {
            if (!shuttingDown) LOG.log(Level.ERROR, "pipeline {0}: {1}", pipeline.name(), p);
        }
        if (!nowReady && ready && !shuttingDown) {
            LOG.log(Level.ERROR, "pipeline {0} stopped serving: {1}", pipeline.name(), String.join("; ", missing));
        }
        current = next;
        ready = nowReady;
        boolean changed = !newStatus.equals(status) || !java.util.Objects.equals(old.optical(), next.optical())
                || !java.util.Objects.equals(old.sequence(), next.sequence());
        status = newStatus;
        if (changed && registration != null) {
            try {
                registration.setProperties(serviceProperties());
            } catch (IllegalStateException gone) {
                // unregistered concurrently while the framework stops
            }
        }
    }

    /** Stages leave one by one while the framework stops: that is no error worth reporting. */
    private boolean shuttingDown() {
        try {
            return bundleContext == null || bundleContext.getBundle(0).getState() == org.osgi.framework.Bundle.STOPPING
                    || bundleContext.getBundle().getState() == org.osgi.framework.Bundle.STOPPING;
        } catch (IllegalStateException invalidContext) {
            return true;
        }
    }

    /**
     * Picks the stage for one role. A filter that matches nothing, or does not parse, keeps the previous stage
     * if it is still there (a problem: logged, the pipeline keeps serving); without one, the role is missing.
     */
    private static <T> Stage<T> select(String role, String filterText, StageCandidates<T> candidates, Stage<T> previous,
                                       List<String> problems, List<String> missing) {
        if (filterText == null || filterText.isBlank()) return null;
        Filter filter = parse(role, filterText);
        Stage<T> found = filter == null ? null : candidates.best(filter);
        if (found != null) return found;
        String problem = filter == null ? role + " filter " + filterText + " does not parse"
                : "no " + role + " matches " + filterText;
        return keepOrMiss(problem, candidates, previous, problems, missing);
    }

    private static Filter parse(String role, String filterText) {
        try {
            return FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            LOG.log(Level.ERROR, "{0} filter {1} does not parse: {2}", role, filterText, e.getMessage());
            return null;
        }
    }

    private static <T> Stage<T> keepOrMiss(String problem, StageCandidates<T> candidates, Stage<T> previous,
                                           List<String> problems, List<String> missing) {
        if (previous != null && candidates.contains(previous.service())) {
            problems.add(problem + "; keeping " + previous.name());
            return previous;
        }
        missing.add(problem);
        return null;
    }

    private Dictionary<String, Object> serviceProperties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(StageProperties.STAGE, StageProperties.STAGE_RECOGNIZER);
        p.put(StageProperties.NAME, pipeline.name());
        p.put("ductus.ready", ready);
        p.put("ductus.status", status);
        p.put("ductus.input", pipeline.paragraphs() ? "paragraph" : "line");
        if (!description.isBlank()) p.put("ductus.description", description);
        if (!config.data().isBlank()) p.put("ductus.data", config.data());
        Stages s = current;
        if (s.optical() != null) p.put("ductus.model", s.optical().name());
        else if (s.sequence() != null) p.put("ductus.model", s.sequence().name());
        return p;
    }

    private static String nameOf(Config config, Map<String, Object> properties) {
        if (!config.name().isBlank()) return config.name();
        String pid = String.valueOf(properties.getOrDefault("service.pid", PID));
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }

    private final class PipelineRecognizer implements Recognizer {
        @Override
        public String name() {
            return pipeline.name();
        }

        @Override
        public String describe() {
            return ready ? current.describe() : status;
        }

        @Override
        public boolean paragraphs() {
            return pipeline.paragraphs();
        }

        @Override
        public Hypothesis recognize(GrayImage image) {
            // one read of each volatile: the request runs to the end on these stages whatever is swapped meanwhile
            Stages stages = current;
            Pipeline p = pipeline;
            if (!ready) {
                throw new InputException("pipeline " + p.name(), "not ready: " + status);
            }
            return p.run(Objects.requireNonNull(stages), image);
        }

        @Override
        public String toString() {
            return "Recognizer[" + pipeline.name() + ": " + status + "]";
        }
    }

    // ---- stage tracking: every service of each role, bound dynamically ----

    @Reference(name = "preprocessors", service = Preprocessor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSOR + ")", unbind = "removePreprocessor")
    synchronized void addPreprocessor(ServiceReference<Preprocessor> ref, Preprocessor s) {
        preprocessors.add(ref, s);
        reselect();
    }

    synchronized void removePreprocessor(ServiceReference<Preprocessor> ref) {
        preprocessors.remove(ref);
        reselect();
    }

    @Reference(name = "segmenters", service = LineSegmenter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSegmenter")
    synchronized void addSegmenter(ServiceReference<LineSegmenter> ref, LineSegmenter s) {
        segmenters.add(ref, s);
        reselect();
    }

    synchronized void removeSegmenter(ServiceReference<LineSegmenter> ref) {
        segmenters.remove(ref);
        reselect();
    }

    @Reference(name = "opticalModels", service = OpticalModel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeOpticalModel")
    synchronized void addOpticalModel(ServiceReference<OpticalModel> ref, OpticalModel s) {
        opticals.add(ref, s);
        reselect();
    }

    synchronized void removeOpticalModel(ServiceReference<OpticalModel> ref) {
        opticals.remove(ref);
        reselect();
    }

    @Reference(name = "sequenceModels", service = SequenceModel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSequenceModel")
    synchronized void addSequenceModel(ServiceReference<SequenceModel> ref, SequenceModel s) {
        sequences.add(ref, s);
        reselect();
    }

    synchronized void removeSequenceModel(ServiceReference<SequenceModel> ref) {
        sequences.remove(ref);
        reselect();
    }

    @Reference(name = "decoders", service = Decoder.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeDecoder")
    synchronized void addDecoder(ServiceReference<Decoder> ref, Decoder s) {
        decoders.add(ref, s);
        reselect();
    }

    synchronized void removeDecoder(ServiceReference<Decoder> ref) {
        decoders.remove(ref);
        reselect();
    }

    @Reference(name = "languageModels", service = LanguageModel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeLanguageModel")
    synchronized void addLanguageModel(ServiceReference<LanguageModel> ref, LanguageModel s) {
        lms.add(ref, s);
        reselect();
    }

    synchronized void removeLanguageModel(ServiceReference<LanguageModel> ref) {
        lms.remove(ref);
        reselect();
    }
}
