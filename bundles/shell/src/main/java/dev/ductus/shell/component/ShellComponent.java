package dev.ductus.shell.component;

import dev.ductus.api.StageProperties;
import dev.ductus.store.service.ServiceFilters;
import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.model.SequenceModel;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.api.train.Trainer;
import dev.ductus.shell.cli.CommandLine;
import dev.ductus.shell.cli.CompareVerb;
import dev.ductus.shell.cli.DemoVerb;
import dev.ductus.shell.cli.InfoVerb;
import dev.ductus.shell.cli.ModelConfig;
import dev.ductus.shell.cli.ModelsVerb;
import dev.ductus.shell.cli.PipelinesVerb;
import dev.ductus.shell.cli.RecognizeVerb;
import dev.ductus.shell.cli.ShellContext;
import dev.ductus.shell.cli.TrainVerb;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The command line of the running framework: tracks the services the verbs use and registers the entry point
 * ({@code ductus.cli=true}) that the launcher calls for one-shot verbs and the Gogo commands call in the shell.
 */
@Component(service = CommandLineService.class, property = "ductus.cli=true")
public class ShellComponent implements CommandLineService, ShellContext {
    private final Map<ServiceReference<Recognizer>, Recognizer> recognizers = new ConcurrentHashMap<>();
    private final Map<ServiceReference<Trainer>, Trainer> trainers = new ConcurrentHashMap<>();
    private final Map<ServiceReference<Command>, Command> commands = new ConcurrentHashMap<>();
    private volatile ImageLoader imageLoader;
    private volatile DatasetProvider datasetProvider;
    private BundleContext bundleContext;
    private CommandLine commandLine;

    @Activate
    void activate(BundleContext context) {
        this.bundleContext = context;
        List<dev.ductus.shell.cli.Verb> verbs = new ArrayList<>();
        verbs.add(new RecognizeVerb(this, PageXml.writerIfAvailable()));
        verbs.add(new PipelinesVerb(this));
        verbs.add(new CompareVerb(this));
        TrainVerb train = new TrainVerb(this);
        verbs.add(train);
        ModelsVerb models = new ModelsVerb(this, train);
        verbs.add(models);
        verbs.add(new DemoVerb(this, models));
        verbs.add(new InfoVerb(this));
        this.commandLine = new CommandLine(this, verbs);
    }

    @Override
    public int execute(String[] args, PrintStream out, PrintStream err) {
        return commandLine.execute(args, out, err);
    }

    @Override
    public String usage() {
        return commandLine.usage();
    }

    @Override
    public List<PipelineView> pipelines() {
        List<PipelineView> out = new ArrayList<>();
        recognizers.forEach((ref, r) -> out.add(new PipelineView(r.name(),
                Boolean.TRUE.equals(ref.getProperty(StageProperties.READY)),
                String.valueOf(ref.getProperty(StageProperties.STATUS)),
                String.valueOf(ref.getProperty(StageProperties.INPUT)),
                ref.getProperty(StageProperties.DESCRIPTION) == null ? "" : String.valueOf(ref.getProperty(StageProperties.DESCRIPTION)),
                ref.getProperty(StageProperties.DATA) == null ? "" : String.valueOf(ref.getProperty(StageProperties.DATA)),
                ref.getProperty(StageProperties.MODEL) == null ? null : String.valueOf(ref.getProperty(StageProperties.MODEL)),
                r)));
        return out;
    }

    @Override
    public Optional<ImageLoader> imageLoader() {
        return Optional.ofNullable(imageLoader);
    }

    @Override
    public Optional<DatasetProvider> datasets() {
        return Optional.ofNullable(datasetProvider);
    }

    @Override
    public Map<String, Trainer> trainers() {
        Map<String, Trainer> out = new TreeMap<>();
        trainers.forEach((ref, t) -> out.put(t.system(), t));
        return out;
    }

    @Override
    public Map<String, Command> commands() {
        Map<String, Command> out = new TreeMap<>();
        commands.forEach((ref, c) -> {
            Object verb = ref.getProperty(Command.VERB);
            if (verb != null) out.put(String.valueOf(verb), c);
        });
        return out;
    }

    @Override
    public String describeFramework() {
        StringBuilder sb = new StringBuilder("bundles:\n");
        for (Bundle b : bundleContext.getBundles()) {
            sb.append(String.format("  %3d %-10s %s %s%n", b.getBundleId(), state(b.getState()), b.getSymbolicName(), b.getVersion()));
        }
        sb.append("stages:\n");
        try {
            ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(null, "(" + StageProperties.STAGE + "=*)");
            Map<String, List<String>> byRole = new TreeMap<>();
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    byRole.computeIfAbsent(String.valueOf(r.getProperty(StageProperties.STAGE)), k -> new ArrayList<>())
                            .add(String.valueOf(r.getProperty(StageProperties.NAME)));
                }
            }
            byRole.forEach((role, names) -> sb.append(String.format("  %-20s %s%n", role, String.join(", ", names.stream().sorted().toList()))));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    private static String state(int s) {
        return switch (s) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "state" + s;
        };
    }

    @Override
    public List<ModelConfig> modelConfigs() {
        ConfigurationAdmin admin = configurationAdmin;
        List<ModelConfig> out = new ArrayList<>();
        if (admin == null) return out;
        try {
            Configuration[] configs = admin.listConfigurations("(model.path=*)");
            if (configs == null) return out;
            for (Configuration c : configs) {
                Map<String, Object> props = new java.util.HashMap<>();
                java.util.Dictionary<String, Object> d;
                try {
                    d = c.getProperties();
                } catch (IllegalStateException deleted) {
                    // deleted between the listing and this read (FileInstall re-reading the folder): not a model any more
                    continue;
                }
                if (d == null) continue;
                for (var keys = d.keys(); keys.hasMoreElements(); ) {
                    String k = keys.nextElement();
                    props.put(k, d.get(k));
                }
                out.add(ModelConfig.of(c.getPid(), props));
            }
        } catch (java.io.IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot list configurations: " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparing(ModelConfig::name));
        return out;
    }

    @Override
    public List<ServedModel> servedModels() {
        List<ServedModel> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        addServed(OpticalModel.class, OpticalModel::info, seen, out);
        addServed(SequenceModel.class, SequenceModel::info, seen, out);
        out.sort(Comparator.comparing(ServedModel::name).thenComparing(m -> String.valueOf(m.version())));
        return out;
    }

    /** Adds the registered services of one model type; one registered under both types is listed once. */
    private <T> void addServed(Class<T> type, Function<T, ModelInfo> info, Set<Object> seen, List<ServedModel> out) {
        Collection<ServiceReference<T>> refs;
        try {
            refs = bundleContext.getServiceReferences(type, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<T> ref : refs) {
            if (!seen.add(ref.getProperty(Constants.SERVICE_ID))) continue;
            T model = bundleContext.getService(ref);
            if (model == null) continue; // unregistered while we looked
            try {
                Object name = ref.getProperty(StageProperties.NAME);
                Object version = ref.getProperty(StageProperties.MODEL_VERSION);
                ModelInfo i;
                try {
                    i = info.apply(model);
                } catch (IllegalStateException stopped) {
                    continue; // stopped serving while we looked ("not ready")
                }
                out.add(new ServedModel(name == null ? i.system() : String.valueOf(name),
                        version == null ? null : String.valueOf(version), i));
            } finally {
                bundleContext.ungetService(ref);
            }
        }
    }

    @Override
    public int loadingModels() {
        int loading = 0;
        for (ModelConfig c : modelConfigs()) {
            if (!c.missing().isEmpty()) continue;
            try {
                var refs = bundleContext.getServiceReferences((String) null,
                        "(&(ductus.stage=*)" + ServiceFilters.equal(StageProperties.NAME, c.name()) + ")");
                if (refs == null || refs.length == 0) loading++;
            } catch (InvalidSyntaxException e) {
                // a name that is no filter value cannot be waited for
            }
        }
        return loading;
    }

    @Override
    public boolean refreshConfiguration(String pid) {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) return false;
        try {
            Configuration[] found = admin.listConfigurations(ServiceFilters.equal("service.pid", pid));
            if (found == null || found.length == 0) return false;
            var props = found[0].getProperties();
            props.put("ductus.refresh", System.currentTimeMillis());
            found[0].update(props);
            return true;
        } catch (java.io.IOException | InvalidSyntaxException | IllegalStateException e) {
            return false;
        }
    }

    @Override
    public int configuredPipelines() {
        return configuredPipelineNames().size();
    }

    @Override
    public List<String> configuredPipelineNames() {
        String dir = bundleContext.getProperty("felix.fileinstall.dir");
        if (dir == null) return List.of();
        try (var files = java.nio.file.Files.list(Path.of(dir))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> (n.startsWith("dev.ductus.pipeline~") || n.startsWith("dev.ductus.pipeline-"))
                            && (n.endsWith(".cfg") || n.endsWith(".config")))
                    .map(n -> n.substring("dev.ductus.pipeline~".length(), n.lastIndexOf('.')))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Override
    public String version() {
        BundleContext c = bundleContext;
        return c == null ? ShellContext.super.version() : c.getBundle().getVersion().toString();
    }

    @Override
    public Path home() {
        return Path.of(System.getProperty("ductus.home", ".")).toAbsolutePath().normalize();
    }

    @Override
    public Path cache() {
        return CachePaths.cache();
    }

    private final Object changes = new Object();
    private long generation;

    private void changed() {
        synchronized (changes) {
            generation++;
            changes.notifyAll();
        }
    }

    @Override
    public long generation() {
        synchronized (changes) {
            return generation;
        }
    }

    @Override
    public void awaitChange(long seen, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(1, maxMillis) * 1_000_000L;
        synchronized (changes) {
            long left;
            while (generation == seen && (left = deadline - System.nanoTime()) > 0) {
                changes.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeRecognizer", updated = "updatedRecognizer")
    void addRecognizer(ServiceReference<Recognizer> ref, Recognizer r) {
        recognizers.put(ref, r);
        changed();
    }

    void updatedRecognizer(ServiceReference<Recognizer> ref) {
        changed();
    }

    void removeRecognizer(ServiceReference<Recognizer> ref) {
        recognizers.remove(ref);
        changed();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTrainer")
    void addTrainer(ServiceReference<Trainer> ref, Trainer t) {
        trainers.put(ref, t);
        changed();
    }

    void removeTrainer(ServiceReference<Trainer> ref) {
        trainers.remove(ref);
        changed();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCommand")
    void addCommand(ServiceReference<Command> ref, Command c) {
        commands.put(ref, c);
        changed();
    }

    void removeCommand(ServiceReference<Command> ref) {
        commands.remove(ref);
        changed();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetImageLoader")
    void setImageLoader(ImageLoader loader) {
        this.imageLoader = loader;
    }

    void unsetImageLoader(ImageLoader loader) {
        if (this.imageLoader == loader) this.imageLoader = null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetDatasetProvider")
    void setDatasetProvider(DatasetProvider provider) {
        this.datasetProvider = provider;
    }

    void unsetDatasetProvider(DatasetProvider provider) {
        if (this.datasetProvider == provider) this.datasetProvider = null;
    }
}
