package dev.ductus.lm.component;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.lm.UnknownWords;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.ductus.store.ModelStore;
import dev.ductus.store.service.ModelStage;
import org.osgi.framework.BundleContext;
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
 * {@code model.path}, {@code unit} or {@code char.model.path}, or new content in those files, loads the new model
 * through the model store and swaps it in; while it loads, and if it fails (one log line), the old one keeps serving. A decoder's states remember the model
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

    private ModelStage<LanguageModel, LanguageModel> stage;
    private volatile Config config;

    @Activate
    void activate(BundleContext context, Config config) {
        this.config = config;
        stage = new ModelStage<>(LanguageModel.class, this, new ModelStore<>(config.ductus_name(), files -> load(files, this.config)),
                lm -> Map.of(StageProperties.LM_UNIT, lm.unit().name().toLowerCase(Locale.ROOT)));
        stage.open(context);
        apply(config);
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        stage.close();
    }

    /**
     * Serves the configured model: loads it unless it is already served from unchanged files; the store watches
     * the files, so a model rebuilt in place (or built after start) is swapped in.
     *
     * @return whether the configured model is served now
     */
    synchronized boolean apply(Config config) {
        if (config.model_path() == null || config.model_path().isBlank()) {
            LOG.log(Level.WARNING, "language model {0}: model.path is not set", config.ductus_name());
            return false;
        }
        String unit = config.unit().trim().toLowerCase(Locale.ROOT);
        List<Path> files = new ArrayList<>(List.of(Path.of(config.model_path())));
        if (unit.equals("hybrid") && config.char_model_path() != null && !config.char_model_path().isBlank()) {
            files.add(Path.of(config.char_model_path()));
        }
        this.config = config; // read by the loader; the unit is the source key, so a new unit reloads
        return stage.configure(new ModelStore.Source(files, "unit=" + unit, ""), Map.of(),
                Map.of(StageProperties.STAGE, StageProperties.STAGE_LANGUAGE_MODEL, StageProperties.NAME, config.ductus_name()));
    }

    public static LanguageModel load(List<Path> files, Config c) throws IOException {
        String unit = c.unit().trim().toLowerCase(Locale.ROOT);
        NgramModel main = loadOrBuild(files.get(0));
        return switch (unit) {
            case "word", "words" -> new NgramLanguageModel(main, TokenUnit.WORD);
            case "char", "chars", "character", "characters" -> new NgramLanguageModel(main, TokenUnit.CHARACTER);
            case "hybrid" -> {
                if (files.size() < 2) throw new InputException("dev.ductus.lm~" + c.ductus_name(), "unit=hybrid needs char.model.path");
                yield new HybridModel(main, loadOrBuild(files.get(1)));
            }
            default -> throw new InputException("dev.ductus.lm~" + c.ductus_name(), "unit must be word, char or hybrid, not '" + c.unit() + "'");
        };
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
        return stage.require().model();
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

    /** The current model's; a decoder takes it with the lexicon and the start state when it begins a line. */
    @Override
    public UnknownWords unknownWords() {
        return current().unknownWords();
    }
}
