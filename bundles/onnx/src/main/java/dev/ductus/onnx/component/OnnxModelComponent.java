package dev.ductus.onnx.component;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.onnx.serve.OnnxClasses;
import dev.ductus.onnx.serve.OnnxOpticalModel;
import dev.ductus.onnx.serve.OnnxSettings;
import dev.ductus.store.ModelStore;
import dev.ductus.store.Served;
import dev.ductus.store.service.ModelStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A CTC optical model exported to ONNX (a PyTorch / PyLaia CRNN, or a Ductus export) as an optical-model stage, one
 * per factory configuration {@code dev.ductus.onnx.model~NAME.cfg}. The model store loads it, swaps in a changed
 * path or content (of the model or its symbols file), and refuses a bad file in one line while the old model serves.
 */
@Component(service = {}, configurationPid = "dev.ductus.onnx.model",
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StageProperties.STAGE + "=" + StageProperties.STAGE_OPTICAL_MODEL)
@Designate(ocd = OnnxModelComponent.Config.class, factory = true)
public class OnnxModelComponent implements OpticalModel {
    @ObjectClassDefinition(name = "Ductus ONNX optical model", description = "A CTC model in an ONNX file, run by onnxruntime")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name", description = "The name pipelines select the model by")
        String ductus_name() default "onnx";

        @AttributeDefinition(name = "model.path", description = "The .onnx file: input N x 1 x H x W, output T x N x C (or N x T x C)")
        String model_path();

        @AttributeDefinition(name = "alphabet", description = "The symbols in class order without the blank, one character each; "
                + "empty: alphabet.path, or the file's own (a Ductus export)")
        String alphabet() default "";

        @AttributeDefinition(name = "alphabet.path", description = "A symbols file: one symbol per line in class order, "
                + "optionally with its index (PyLaia syms.txt); <space> is the space, <ctc> the blank")
        String alphabet_path() default "";

        @AttributeDefinition(name = "blank.index", description = "The class index of the CTC blank (unless the symbols file has <ctc>)")
        int blank_index() default 0;

        @AttributeDefinition(name = "input.height", description = "Rows of the input; 0: the height the model declares")
        int input_height() default 0;

        @AttributeDefinition(name = "input.invert", description = "Feed paper 1, ink 0 instead of Ductus' ink 1, paper 0")
        boolean input_invert() default false;

        @AttributeDefinition(name = "output", description = "What the output holds: logits, log-softmax or softmax")
        String output() default "logits";

        @AttributeDefinition(name = "output.layout", description = "TNC (PyLaia, crnn_bench) or NTC")
        String output_layout() default "TNC";

        @AttributeDefinition(name = "chain", description = "The preprocessing chain the model expects (e.g. pixels); "
                + "a pipeline with another preprocessor refuses the model")
        String chain() default "";

        @AttributeDefinition(name = "threads", description = "onnxruntime intra-op threads; 0: its default")
        int threads() default 0;
    }

    private static final System.Logger LOG = System.getLogger(OnnxModelComponent.class.getName());
    private ModelStage<OpticalModel, OnnxOpticalModel> stage;
    private volatile Config config;

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        this.config = config;
        stage = new ModelStage<>(OpticalModel.class, this,
                new ModelStore<>(config.ductus_name(), files -> load(this.config, files)),
                m -> ModelStage.chainOf(m.info().facts()));
        stage.open(context);
        modified(config, properties);
    }

    /** The model at files[0], with the symbols file at files[1] when alphabet.path is set. */
    static OnnxOpticalModel load(Config c, List<Path> files) {
        return OnnxOpticalModel.load(files.get(0), settings(c, files.size() > 1 ? files.get(1) : null));
    }

    /** The stage configuration as settings; a bad value names the configuration. */
    static OnnxSettings settings(Config c, Path symbols) {
        String source = "dev.ductus.onnx.model~" + c.ductus_name();
        try {
            OnnxClasses classes = null;
            if (symbols != null) classes = OnnxClasses.file(symbols, c.blank_index());
            else if (!c.alphabet().isEmpty()) classes = OnnxClasses.inline(c.alphabet(), c.blank_index());
            return new OnnxSettings(classes, c.input_height(), c.input_invert(), OnnxSettings.Output.parse(c.output()),
                    OnnxSettings.Layout.parse(c.output_layout()), c.chain(), c.threads());
        } catch (IllegalArgumentException e) {
            throw new InputException(source, e.getMessage());
        }
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        this.config = config;
        if (config.model_path() == null || config.model_path().isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: model.path is not set", config.ductus_name());
            return;
        }
        List<Path> files = new ArrayList<>(List.of(Path.of(config.model_path())));
        if (!config.alphabet_path().isBlank()) files.add(Path.of(config.alphabet_path()));
        // the settings that change what the loader makes of the files: a change reloads
        String key = String.join("|", config.alphabet(), Integer.toString(config.blank_index()),
                Integer.toString(config.input_height()), Boolean.toString(config.input_invert()), config.output(),
                config.output_layout(), config.chain(), Integer.toString(config.threads()));
        stage.configure(new ModelStore.Source(files, key, ""), properties,
                Map.of(StageProperties.STAGE, StageProperties.STAGE_OPTICAL_MODEL));
    }

    @Deactivate
    void deactivate() {
        Served<OnnxOpticalModel> s = stage.store().current();
        stage.close();
        if (s != null) s.model().close();
    }

    /** Whether a model is loaded (and the service registered, in a framework). */
    boolean serving() {
        return stage != null && stage.store().current() != null;
    }

    Served<OnnxOpticalModel> served() {
        return stage.require();
    }

    @Override
    public ModelInfo info() {
        return stage.require().model().info();
    }

    @Override
    public FrameScores score(GrayImage line) {
        return stage.require().model().score(line);
    }

    @Override
    public FrameScores score(GrayImage line, Notes notes) {
        Served<OnnxOpticalModel> s = stage.require();
        notes.add(StageProperties.MODEL_VERSION, s.version().id());
        return s.model().score(line);
    }
}
