package dev.ductus.lm.component;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.defaults.DefaultModels;
import dev.ductus.lm.hybrid.HybridModel;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.model.NgramState;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A language model stage, one per factory configuration {@code dev.ductus.lm~NAME.cfg}. A changed
 * {@code model.path}, {@code unit} or {@code char.model.path} loads the new model and swaps it in; while it
 * loads, and if it fails (logged as an error), the old one keeps serving. A decoder's states remember the model
 * that made them, so a sentence begun before a swap is finished on the old model. A missing file named like a
 * default model ({@code word-3gram.*}, {@code char-6gram.*}) is refused with the command that builds it.
 *
 * <p>The component registers its {@link LanguageModel} service itself, and only while a model is loaded: a
 * configuration whose file is missing yields one warning and no service (pipelines wait for it, and name it),
 * rather than a service that fails every call; a later refresh of the configuration loads it.
 */
@Component(service = {}, immediate = true, configurationPid = "dev.ductus.lm", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LanguageModelComponent.Config.class, factory = true)
public class LanguageModelComponent implements LanguageModel {
    @ObjectClassDefinition(name = "Ductus language model",
            description = "An n-gram language model (ARPA or ductus binary) as a decoding stage")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name", description = "The name pipelines select the model by, e.g. word-3gram")
        String ductus_name() default DefaultModels.WORD_3GRAM;

        @AttributeDefinition(name = "model.path", description = "ARPA (.arpa, .arpa.gz) or binary model file; "
                + "for unit=hybrid the word model")
        String model_path();

        @AttributeDefinition(name = "unit", description = "word, char or hybrid")
        String unit() default "word";

        @AttributeDefinition(name = "char.model.path", description = "For unit=hybrid: the character model that spells "
                + "out-of-vocabulary words", required = false)
        String char_model_path() default "";
    }

    private static final System.Logger LOG = System.getLogger(LanguageModelComponent.class.getName());

    /** The model being served and the configuration it came from. */
    private record Served(LanguageModel model, String key) {
    }

    private final AtomicReference<Served> served = new AtomicReference<>();
    private BundleContext context;
    private ServiceRegistration<LanguageModel> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        apply(config);
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
            registration = null;
        }
        context = null;
    }

    /**
     * Loads the configured model unless it is already served, then (re)registers the service.
     *
     * @return whether the configured model is served now
     */
    synchronized boolean apply(Config config) {
        String key = key(config);
        Served old = served.get();
        if (old == null || !old.key().equals(key)) {
            try {
                served.set(load(config));
                LOG.log(Level.INFO, "language model {0}: {1}", config.ductus_name(), key);
            } catch (IOException | RuntimeException e) {
                if (old == null) {
                    LOG.log(Level.WARNING, "language model {0} not available: {1}", config.ductus_name(), e.getMessage());
                } else {
                    LOG.log(Level.ERROR, "language model {0}: cannot load {1} ({2}); still serving {3}", config.ductus_name(),
                            key, e.getMessage(), old.key());
                }
            }
        }
        Served now = served.get();
        if (now != null && context != null) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(StageProperties.STAGE, StageProperties.STAGE_LANGUAGE_MODEL);
            props.put(StageProperties.NAME, config.ductus_name());
            props.put("ductus.lm.unit", now.model().unit().name().toLowerCase(Locale.ROOT));
            if (registration == null) registration = context.registerService(LanguageModel.class, this, props);
            else registration.setProperties(props);
        }
        return now != null && now.key().equals(key);
    }

    static String key(Config c) {
        String unit = c.unit().trim().toLowerCase(Locale.ROOT);
        return unit + ":" + c.model_path() + (unit.equals("hybrid") ? "+" + c.char_model_path() : "");
    }

    private static Served load(Config c) throws IOException {
        String unit = c.unit().trim().toLowerCase(Locale.ROOT);
        if (c.model_path() == null || c.model_path().isBlank()) throw new InputException("dev.ductus.lm~" + c.ductus_name(), "model.path is not set");
        NgramModel main = loadOrBuild(Path.of(c.model_path()));
        LanguageModel lm = switch (unit) {
            case "word", "words" -> new NgramLanguageModel(main, TokenUnit.WORD);
            case "char", "chars", "character", "characters" -> new NgramLanguageModel(main, TokenUnit.CHARACTER);
            case "hybrid" -> {
                if (c.char_model_path() == null || c.char_model_path().isBlank()) {
                    throw new InputException("dev.ductus.lm~" + c.ductus_name(), "unit=hybrid needs char.model.path");
                }
                yield new HybridModel(main, loadOrBuild(Path.of(c.char_model_path())));
            }
            default -> throw new InputException("dev.ductus.lm~" + c.ductus_name(), "unit must be word, char or hybrid, not '" + c.unit() + "'");
        };
        return new Served(lm, key(c));
    }

    /**
     * Loads the file. A missing default model is not built here: that takes seconds and would hold up the
     * framework's start (and break when it stops meanwhile); {@code ductus lm defaults DIR} or the demo builds it.
     */
    private static NgramModel loadOrBuild(Path file) throws IOException {
        if (!Files.exists(file)) {
            String name = DefaultModels.defaultName(file);
            throw new InputException(file.toString(), "no such model file" + (name == null ? ""
                    : "; `ductus lm defaults " + (file.getParent() == null ? "." : file.getParent()) + "` builds " + name
                    + " from the text corpora (`ductus demo` does it on first use)"));
        }
        return ModelFiles.load(file);
    }

    private LanguageModel current() {
        return served.get().model();
    }

    /** The model that made the state, so a decode begun before a swap ends on the model it began with. */
    private LanguageModel ownerOf(LmState state) {
        return state instanceof NgramState s && s.owner() != null ? s.owner() : current();
    }

    @Override
    public LmUnit unit() {
        return current().unit();
    }

    @Override
    public int order() {
        return current().order();
    }

    @Override
    public LmState start() {
        return current().start();
    }

    @Override
    public LmScore score(LmState state, String token) {
        return ownerOf(state).score(state, token);
    }

    @Override
    public double end(LmState state) {
        return ownerOf(state).end(state);
    }

    @Override
    public boolean contains(String token) {
        return current().contains(token);
    }

    @Override
    public Lexicon lexicon() {
        return current().lexicon();
    }
}
