package dev.ductus.ctc.component;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.cli.Command;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.api.model.SequenceModel;
import dev.ductus.ctc.explain.ExplainCommandLine;
import dev.ductus.ctc.explain.ModelExplainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Contributes the {@code explain} verb ({@code ductus explain --pipeline mdlstm IMG -o out.html}). It reads the
 * model file the pipeline's optical-model stage was configured with (its {@code model.path} service property),
 * because a page of feature maps needs the network's inner layers, which the optical-model service does not
 * expose; it preprocesses the image with the preprocessor the pipeline names in {@link Recognizer#describe()},
 * and asks the pipeline itself for its text. Every stage is optional: a missing one is reported when used.
 */
@Component(service = Command.class, property = Command.VERB + "=explain")
public class ExplainCommandComponent implements Command {
    private static final Pattern STAGE = Pattern.compile("(?:^|\\s)(preprocessor|model)=(\\S+)");

    private record Entry<T>(T service, Map<String, Object> properties) {
    }

    private final Map<String, Entry<Recognizer>> recognizers = new ConcurrentHashMap<>();
    private final Map<String, Entry<OpticalModel>> models = new ConcurrentHashMap<>();
    private final Map<String, Entry<SequenceModel>> sequences = new ConcurrentHashMap<>();
    private final List<ModelExplainer> explainers = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSequence", updated = "addSequence")
    void addSequence(SequenceModel m, Map<String, Object> properties) {
        sequences.put(name(properties), new Entry<>(m, properties));
    }

    void removeSequence(SequenceModel m) {
        sequences.values().removeIf(e -> e.service() == m);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeExplainer")
    void addExplainer(ModelExplainer x) {
        explainers.add(x);
    }

    void removeExplainer(ModelExplainer x) {
        explainers.remove(x);
    }
    private final Map<String, Entry<Preprocessor>> preprocessors = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ImageLoader loader;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeRecognizer", updated = "addRecognizer")
    void addRecognizer(Recognizer r, Map<String, Object> properties) {
        synchronized (recognizers) {
            recognizers.put(name(properties), new Entry<>(r, properties));
            recognizers.notifyAll();
        }
    }

    void removeRecognizer(Recognizer r) {
        recognizers.values().removeIf(e -> e.service() == r);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeModel", updated = "addModel")
    void addModel(OpticalModel m, Map<String, Object> properties) {
        models.put(name(properties), new Entry<>(m, properties));
    }

    void removeModel(OpticalModel m) {
        models.values().removeIf(e -> e.service() == m);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSOR + ")",
            unbind = "removePreprocessor")
    void addPreprocessor(Preprocessor p, Map<String, Object> properties) {
        preprocessors.put(name(properties), new Entry<>(p, properties));
    }

    void removePreprocessor(Preprocessor p) {
        preprocessors.values().removeIf(e -> e.service() == p);
    }

    private static String name(Map<String, Object> properties) {
        Object n = properties.get(StageProperties.NAME);
        return n == null ? "" : String.valueOf(n);
    }

    @Override
    public String summary() {
        return ExplainCommandLine.summary();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return new ExplainCommandLine(new Stages()).run(args, out, err);
    }

    /** The framework's stages as the verb sees them. */
    private final class Stages implements ExplainCommandLine.Environment {
        @Override
        public GrayImage read(Path image) {
            ImageLoader l = loader;
            if (l == null) throw new InputException(image.toString(), "no image loader is installed (bundle dev.ductus.image)");
            return l.readFirst(image);
        }

        @Override
        public Path modelFile(String pipeline) {
            Entry<Recognizer> r = recognizer(pipeline);
            String modelName = stage(r, "model");
            if (modelName == null) modelName = (String) r.properties().get(StageProperties.MODEL);
            if (modelName == null) throw new InputException("pipeline " + pipeline, "it has no optical model (" + r.service().describe() + ")");
            Entry<?> m = models.get(modelName);
            if (m == null) m = sequences.get(modelName);
            if (m == null) throw new InputException("pipeline " + pipeline, "its optical model '" + modelName + "' is not registered");
            Object path = m.properties().get("model.path");
            if (path == null || String.valueOf(path).isBlank()) {
                throw new InputException("pipeline " + pipeline, "its optical model '" + modelName + "' has no model.path (not a model-file stage)");
            }
            return Path.of(String.valueOf(path));
        }

        @Override
        public List<ModelExplainer> explainers() {
            return List.copyOf(explainers);
        }

        @Override
        public String preprocessorOf(String pipeline) {
            return stage(recognizer(pipeline), "preprocessor");
        }

        @Override
        public Preprocessor preprocessor(String name) {
            Entry<Preprocessor> p = preprocessors.get(name);
            if (p == null) {
                throw new InputException("preprocessor " + name, "not registered (installed: " + String.join(", ", new TreeSet<>(preprocessors.keySet())) + ")");
            }
            return p.service();
        }

        @Override
        public String recognize(String pipeline, GrayImage image) {
            Entry<Recognizer> r = recognizers.get(pipeline);
            if (r == null) return null;
            try {
                return r.service().recognize(image).text();
            } catch (RuntimeException e) {
                return null;
            }
        }

        private Entry<Recognizer> recognizer(String pipeline) {
            Entry<Recognizer> r = recognizers.get(pipeline);
            // a one-shot `ductus explain` starts the framework: give the pipeline time to register and load
            // (woken by addRecognizer, which DS also calls when a pipeline's properties change: no polling)
            long deadline = System.nanoTime() + 30_000_000_000L;
            synchronized (recognizers) {
                long left;
                while ((r == null || !Boolean.TRUE.equals(r.properties().get(StageProperties.READY)))
                        && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        recognizers.wait(Math.max(1, left / 1_000_000L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    r = recognizers.get(pipeline);
                }
            }
            if (r == null) {
                throw new InputException("pipeline " + pipeline, "no such pipeline (running: " + String.join(", ", new TreeSet<>(recognizers.keySet())) + ")");
            }
            return r;
        }

        /** The stage name a recognizer's description gives for a role ("preprocessor=default model=mdlstm ..."). */
        private String stage(Entry<Recognizer> r, String role) {
            Matcher m = STAGE.matcher(r.service().describe());
            while (m.find()) if (m.group(1).equals(role)) return m.group(2);
            return null;
        }
    }
}
