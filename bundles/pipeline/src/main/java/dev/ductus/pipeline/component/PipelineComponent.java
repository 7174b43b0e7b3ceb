package dev.ductus.pipeline.component;

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
import dev.ductus.pipeline.assembly.StageSelection;
import dev.ductus.pipeline.assembly.StageSelection.State;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.BundleContext;
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

    /**
     * Everything a request and the registry see, replaced in one write: the pipeline, its configuration's public
     * facts and the selected state. A request reads it once.
     */
    record Published(Pipeline pipeline, StageSelection.Filters filters, String description, String data, State state,
                     String configurationProblem) {
        Published with(State next) {
            return new Published(pipeline, filters, description, data, next, configurationProblem);
        }
    }

    /** The component's references: DS hands their targets ({@code NAME.target}) to the component as properties. */
    private static final List<String> REFERENCES = List.of("preprocessors", "segmenters", "opticalModels", "sequenceModels",
            "decoders", "languageModels");

    /** The keys a pipeline configuration may hold besides the framework's own. */
    static final List<String> KEYS = List.of("name", "preprocessor.target", "segmenter.target", "model.target",
            "decoder.target", "lm.target", "input", "description", "data");

    /**
     * What is wrong with a configuration, or null: keys that are no pipeline setting (a typo, or a file that is
     * not a configuration at all, e.g. random bytes, which FileInstall still reads as properties) and an input
     * that is neither line nor paragraph. Such a pipeline is registered, not ready, with this as its status.
     */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) || !Character.isDefined(c) ? '?' : c));
        return sb.toString();
    }

    public static String configurationProblem(Map<String, Object> properties) {
        List<String> unknown = new java.util.ArrayList<>();
        for (String k : new java.util.TreeSet<>(properties.keySet())) {
            if (KEYS.contains(k) || k.startsWith("service.") || k.startsWith("component.") || k.startsWith("felix.")
                    || k.startsWith("ductus.") || k.startsWith("osgi.") || k.equals("objectClass")
                    || k.endsWith(".target") && REFERENCES.contains(k.substring(0, k.length() - 7))) continue;
            unknown.add(k.length() > 40 ? k.substring(0, 37) + "..." : k);
        }
        if (!unknown.isEmpty()) {
            String shown = unknown.size() > 5 ? String.join(", ", unknown.subList(0, 5)) + " and " + (unknown.size() - 5) + " more"
                    : String.join(", ", unknown);
            return "configuration error: unknown key" + (unknown.size() > 1 ? "s " : " ") + printable(shown)
                    + " (known: " + String.join(", ", KEYS) + ")";
        }
        Object input = properties.get("input");
        if (input != null && !"line".equals(String.valueOf(input).trim()) && !"paragraph".equals(String.valueOf(input).trim())) {
            return "configuration error: input must be line or paragraph, not '" + printable(String.valueOf(input)) + "'";
        }
        return null;
    }

    private volatile Published published;
    private ServiceRegistration<Recognizer> registration;
    private BundleContext bundleContext;
    private boolean active;

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        synchronized (this) {
            this.bundleContext = context;
            published = configured(config, properties, State.STARTING);
            active = true;
            reselect();
            registration = context.registerService(Recognizer.class, new PipelineRecognizer(), serviceProperties(published));
        }
        LOG.log(Level.INFO, "pipeline {0}: {1}", published.pipeline().name(), published.state().status());
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        synchronized (this) {
            published = configured(config, properties, published.state());
            reselect();
            publishProperties();
        }
        LOG.log(Level.INFO, "pipeline {0} reconfigured: {1}", published.pipeline().name(), published.state().status());
    }

    private Published configured(Config config, Map<String, Object> properties, State state) {
        boolean paragraphs = "paragraph".equalsIgnoreCase(config.input());
        String name = nameOf(config, properties);
        Published old = published;
        Pipeline pipeline = old != null && old.pipeline().name().equals(name) && old.pipeline().paragraphs() == paragraphs
                ? old.pipeline() : new Pipeline(name, paragraphs);
        StageSelection.Filters filters = new StageSelection.Filters(config.preprocessor_target(), config.segmenter_target(),
                config.model_target(), config.decoder_target(), config.lm_target());
        return new Published(pipeline, filters, config.description(), config.data(), state, configurationProblem(properties));
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

    /** Recomputes the stages after a configuration or service change and publishes them in one write. Holds this. */
    private void reselect() {
        if (!active) return;
        Published before = published;
        StageSelection.Present present = new StageSelection.Present(preprocessors.all(), segmenters.all(), opticals.all(),
                sequences.all(), decoders.all(), lms.all());
        State next = before.configurationProblem() != null
                ? new State(dev.ductus.pipeline.assembly.Stages.NONE, false, before.configurationProblem(),
                        List.of(before.configurationProblem()), null)
                : StageSelection.select(before.filters(), present, before.state());
        boolean shuttingDown = shuttingDown();
        if (!shuttingDown) {
            for (String p : next.problems()) {
                if (!before.state().problems().contains(p)) LOG.log(Level.ERROR, "pipeline {0}: {1}", before.pipeline().name(), p);
            }
            if (!next.ready() && before.state().ready()) {
                LOG.log(Level.ERROR, "pipeline {0} stopped serving: {1}", before.pipeline().name(), next.status());
            }
        }
        published = before.with(next);
        if (!next.status().equals(before.state().status()) || !Objects.equals(next.version(), before.state().version())
                || !Objects.equals(next.modelName(), before.state().modelName())) {
            publishProperties();
        }
    }

    private void publishProperties() {
        if (registration == null) return;
        try {
            registration.setProperties(serviceProperties(published));
        } catch (IllegalStateException gone) {
            // unregistered concurrently while the framework stops
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

    static Dictionary<String, Object> serviceProperties(Published p) {
        Hashtable<String, Object> d = new Hashtable<>();
        d.put(StageProperties.STAGE, StageProperties.STAGE_RECOGNIZER);
        d.put(StageProperties.NAME, p.pipeline().name());
        d.put(StageProperties.READY, p.state().ready());
        d.put(StageProperties.STATUS, p.state().status());
        d.put(StageProperties.INPUT, p.pipeline().paragraphs() ? "paragraph" : "line");
        if (!p.description().isBlank()) d.put(StageProperties.DESCRIPTION, p.description());
        if (!p.data().isBlank()) d.put(StageProperties.DATA, p.data());
        if (p.state().modelName() != null) d.put(StageProperties.MODEL, p.state().modelName());
        if (p.state().version() != null) d.put(StageProperties.MODEL_VERSION, p.state().version());
        return d;
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
            return published.pipeline().name();
        }

        @Override
        public String describe() {
            State s = published.state();
            if (!s.ready()) return s.status();
            return s.stages().describe() + (s.version() == null ? "" : " [" + s.version() + "]");
        }

        @Override
        public boolean paragraphs() {
            return published.pipeline().paragraphs();
        }

        @Override
        public Hypothesis recognize(GrayImage image) {
            // one read: the request runs to its end on this state's stages whatever is swapped meanwhile
            Published p = published;
            return p.pipeline().run(p.state(), image);
        }

        @Override
        public String toString() {
            return "Recognizer[" + published.pipeline().name() + ": " + published.state().status() + "]";
        }
    }

    // ---- stage tracking: every service of each role, bound dynamically ----

    @Reference(name = "preprocessors", service = Preprocessor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSOR + ")", unbind = "removePreprocessor", updated = "updatedPreprocessor")
    synchronized void addPreprocessor(ServiceReference<Preprocessor> ref, Preprocessor s) {
        preprocessors.put(ref, s);
        reselect();
    }

    synchronized void updatedPreprocessor(ServiceReference<Preprocessor> ref) {
        preprocessors.update(ref);
        reselect();
    }

    synchronized void removePreprocessor(ServiceReference<Preprocessor> ref) {
        preprocessors.remove(ref);
        reselect();
    }

    @Reference(name = "segmenters", service = LineSegmenter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSegmenter", updated = "updatedSegmenter")
    synchronized void addSegmenter(ServiceReference<LineSegmenter> ref, LineSegmenter s) {
        segmenters.put(ref, s);
        reselect();
    }

    synchronized void updatedSegmenter(ServiceReference<LineSegmenter> ref) {
        segmenters.update(ref);
        reselect();
    }

    synchronized void removeSegmenter(ServiceReference<LineSegmenter> ref) {
        segmenters.remove(ref);
        reselect();
    }

    @Reference(name = "opticalModels", service = OpticalModel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeOpticalModel", updated = "updatedOpticalModel")
    synchronized void addOpticalModel(ServiceReference<OpticalModel> ref, OpticalModel s) {
        opticals.put(ref, s);
        reselect();
    }

    synchronized void updatedOpticalModel(ServiceReference<OpticalModel> ref) {
        opticals.update(ref);
        reselect();
    }

    synchronized void removeOpticalModel(ServiceReference<OpticalModel> ref) {
        opticals.remove(ref);
        reselect();
    }

    @Reference(name = "sequenceModels", service = SequenceModel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSequenceModel", updated = "updatedSequenceModel")
    synchronized void addSequenceModel(ServiceReference<SequenceModel> ref, SequenceModel s) {
        sequences.put(ref, s);
        reselect();
    }

    synchronized void updatedSequenceModel(ServiceReference<SequenceModel> ref) {
        sequences.update(ref);
        reselect();
    }

    synchronized void removeSequenceModel(ServiceReference<SequenceModel> ref) {
        sequences.remove(ref);
        reselect();
    }

    @Reference(name = "decoders", service = Decoder.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeDecoder", updated = "updatedDecoder")
    synchronized void addDecoder(ServiceReference<Decoder> ref, Decoder s) {
        decoders.put(ref, s);
        reselect();
    }

    synchronized void updatedDecoder(ServiceReference<Decoder> ref) {
        decoders.update(ref);
        reselect();
    }

    synchronized void removeDecoder(ServiceReference<Decoder> ref) {
        decoders.remove(ref);
        reselect();
    }

    @Reference(name = "languageModels", service = LanguageModel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeLanguageModel", updated = "updatedLanguageModel")
    synchronized void addLanguageModel(ServiceReference<LanguageModel> ref, LanguageModel s) {
        lms.put(ref, s);
        reselect();
    }

    synchronized void updatedLanguageModel(ServiceReference<LanguageModel> ref) {
        lms.update(ref);
        reselect();
    }

    synchronized void removeLanguageModel(ServiceReference<LanguageModel> ref) {
        lms.remove(ref);
        reselect();
    }
}
