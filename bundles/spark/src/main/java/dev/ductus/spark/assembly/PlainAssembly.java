package dev.ductus.spark.assembly;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineSegmenter;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.ctc.component.BeamDecoderComponent;
import dev.ductus.ctc.component.CtcModelComponent;
import dev.ductus.ctc.component.GreedyDecoderComponent;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.api.model.SequenceModel;
import dev.ductus.attention.component.AttentionModelComponent;
import dev.ductus.attention.component.ParagraphModelComponent;
import dev.ductus.attention.decode.AttentionBeamSearch;
import dev.ductus.attention.model.AttentionModel;
import dev.ductus.attention.model.ParagraphModel;
import dev.ductus.ctc.decode.BeamSettings;
import dev.ductus.ctc.decode.PrefixBeamDecoder;
import dev.ductus.features.component.HandcraftedExtractorComponent;
import dev.ductus.features.component.PixelWindowExtractorComponent;
import dev.ductus.gmmhmm.component.GmmHmmOpticalModelComponent;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.hmm.component.HmmDecoderComponent;
import dev.ductus.hybrid.component.HybridOpticalModelComponent;
import dev.ductus.image.component.BinarizeStepComponent;
import dev.ductus.image.component.BinarizerAttributes;
import dev.ductus.image.component.ContrastStepComponent;
import dev.ductus.image.component.CropStepComponent;
import dev.ductus.image.component.DeskewStepComponent;
import dev.ductus.image.component.DeslantStepComponent;
import dev.ductus.image.component.LineSegmenterComponent;
import dev.ductus.image.component.NormalizeStepComponent;
import dev.ductus.image.component.PreprocessingChainComponent;
import dev.ductus.image.step.ChainAssembly;
import dev.ductus.image.step.StandardSteps;
import dev.ductus.lm.component.LanguageModelComponent;
import dev.ductus.pipeline.assembly.Pipeline;
import dev.ductus.pipeline.assembly.StageSelection;
import dev.ductus.pipeline.assembly.StageSelection.Candidate;
import dev.ductus.pipeline.component.PipelineComponent;
import dev.ductus.spark.config.ConfigFiles.Configuration;
import dev.ductus.spark.config.Configs;
import dev.ductus.store.ModelStore;
import dev.ductus.store.Served;
import dev.ductus.store.service.ModelStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A pipeline built from configurations without a framework: the runtime's stage classes (its components, configured
 * through {@link Configs} with their own defaults, and the loaders the model components use), and the same
 * {@link StageSelection} the pipeline component runs, so a pipeline chooses the same stages and reads the same text
 * as in the runtime. Only the stages a pipeline's filters can select are built (models loaded once each).
 */
public final class PlainAssembly {
    static final String PIPELINE = PipelineComponent.PID;
    static final String CHAIN = "dev.ductus.image.chain";
    static final String SEGMENTER = "dev.ductus.image.segmenter";
    static final String STEP = "dev.ductus.image.step.";
    static final String CTC_MODEL = "dev.ductus.ctc.model";
    static final String CTC_BEAM = "dev.ductus.ctc.beam";
    static final String LM = "dev.ductus.lm";
    static final String PEERS = "dev.ductus.peers.";

    /** A pipeline ready to read, the state it was selected into and the configurations its stages came from. */
    public record Assembled(String name, Pipeline pipeline, StageSelection.State state, List<Configuration> used) {
        /** Recognises one image (a line, or a page for a paragraph pipeline), as the runtime's recognizer does. */
        public Hypothesis recognize(GrayImage image) {
            return pipeline.run(state, image);
        }
    }

    private final Map<String, Configuration> configs;
    private final Map<Object, Configuration> origin = new IdentityHashMap<>();
    private long nextId = 1;

    public PlainAssembly(Map<String, Configuration> configs) {
        this.configs = new LinkedHashMap<>(configs);
    }

    /** The names of the configured pipelines. */
    public List<String> pipelines() {
        List<String> out = new ArrayList<>();
        for (Configuration c : configs.values()) if (c.factoryPid().equals(PIPELINE) && c.name() != null) out.add(c.name());
        return out;
    }

    /**
     * Builds the named pipeline.
     *
     * @throws InputException "pipeline NAME: ..." when it is not configured, its configuration is wrong, or a stage
     *                        is missing (a model file that does not load, a filter that matches nothing)
     */
    public Assembled pipeline(String name) {
        Configuration pc = configs.get(PIPELINE + "~" + name);
        if (pc == null) {
            throw new InputException("pipeline " + name, "not configured (no " + PIPELINE + "~" + name + ".cfg; configured: "
                    + String.join(", ", new TreeSet<>(pipelines())) + ")");
        }
        String problem = PipelineComponent.configurationProblem(pc.properties());
        if (problem != null) throw new InputException(pc.source(), problem);
        PipelineComponent.Config c = Configs.of(PipelineComponent.Config.class, pc.properties());
        String pipelineName = c.name().isBlank() ? name : c.name();
        StageSelection.Filters f = new StageSelection.Filters(c.preprocessor_target(), c.segmenter_target(), c.model_target(),
                c.decoder_target(), c.lm_target());
        StageSelection.Present present = new StageSelection.Present(
                build(f.preprocessor(), CHAIN, StageProperties.STAGE_PREPROCESSOR, this::chain),
                segmenters(f.segmenter()),
                opticals(f.model()),
                sequences(f.model()),
                decoders(f.decoder()),
                build(f.lm(), LM, StageProperties.STAGE_LANGUAGE_MODEL, this::languageModel));
        StageSelection.State state = StageSelection.select(f, present, StageSelection.State.STARTING);
        if (!state.ready()) {
            Predicate<Map<String, ?>> model = c.model_target().isBlank() ? null : StageSelection.parse(c.model_target());
            for (Configuration peer : configs.values()) {
                if (model != null && peer.pid().startsWith(PEERS) && model.test(baseProperties(peer, StageProperties.STAGE_SEQUENCE_MODEL))) {
                    throw new InputException("pipeline " + pipelineName, "its model " + baseProperties(peer, "").get(StageProperties.NAME)
                            + " is a peer program (" + peer.factoryPid() + "), which the Spark job does not run");
                }
            }
            throw new InputException("pipeline " + pipelineName, "not ready: " + state.status());
        }
        List<Configuration> used = new ArrayList<>();
        used.add(pc);
        var s = state.stages();
        for (Object stage : new Object[]{s.preprocessor(), s.segmenter(), s.optical(), s.sequence(), s.decoder(), s.lm()}) {
            if (stage instanceof dev.ductus.pipeline.assembly.Stages.Stage<?> st && origin.containsKey(st.service())) {
                used.add(origin.get(st.service()));
            }
        }
        return new Assembled(pipelineName, new Pipeline(pipelineName, "paragraph".equals(c.input().trim())), state, used);
    }

    /**
     * The preprocessing chain of this name ({@code dev.ductus.image.chain~...} with that {@code ductus.name}), as
     * pipelines get it; trainers on the cluster prepare their lines with it.
     */
    public Preprocessor preprocessor(String name) {
        List<String> known = new ArrayList<>();
        for (Configuration c : factoryConfigurations(CHAIN)) {
            Map<String, Object> p = baseProperties(c, StageProperties.STAGE_PREPROCESSOR);
            String chainName = Configs.of(PreprocessingChainComponent.Config.class, c.properties()).ductus_name();
            known.add(chainName);
            if (chainName.equals(name)) return chain(c, p).service();
        }
        throw new InputException("preprocessing chain " + name, "not configured (known: " + String.join(", ", known) + ")");
    }

    /** Builds what a stage configuration makes, with the service properties the runtime would register. */
    @FunctionalInterface
    private interface Builder<T> {
        Candidate<T> build(Configuration c, Map<String, Object> properties);
    }

    /**
     * The candidates of one role among the factory configurations of {@code factoryPid}: those whose name and stage
     * the filter matches (all of them when none does, for filters on properties only a loaded model has).
     */
    private <T> List<Candidate<T>> build(String filter, String factoryPid, String stage, Builder<T> builder) {
        return build(filter, stage, Map.of(factoryPid, builder));
    }

    /** As above over several kinds of configuration that make the same role (the optical models). */
    private <T> List<Candidate<T>> build(String filter, String stage, Map<String, Builder<T>> builders) {
        if (filter == null || filter.isBlank()) return List.of();
        Predicate<Map<String, ?>> match = StageSelection.parse(filter);
        List<Configuration> all = new ArrayList<>();
        for (String pid : builders.keySet()) all.addAll(factoryConfigurations(pid));
        List<Configuration> chosen = new ArrayList<>();
        for (Configuration c : all) if (match != null && match.test(baseProperties(c, stage))) chosen.add(c);
        List<Candidate<T>> out = new ArrayList<>();
        if (chosen.isEmpty()) {
            // no name matches: any of them may match on what only a loaded stage has; one that does not load is not
            // offered (as the runtime registers no stage for it), and it is not this pipeline's stage by name
            for (Configuration c : all) {
                try {
                    out.add(builders.get(c.factoryPid()).build(c, baseProperties(c, stage)));
                } catch (InputException e) {
                    // not a candidate
                }
            }
            return out;
        }
        for (Configuration c : chosen) out.add(builders.get(c.factoryPid()).build(c, baseProperties(c, stage)));
        return out;
    }

    private List<Configuration> factoryConfigurations(String factoryPid) {
        List<Configuration> out = new ArrayList<>();
        for (Configuration c : configs.values()) if (c.name() != null && c.factoryPid().equals(factoryPid)) out.add(c);
        return out;
    }

    private Map<String, Object> baseProperties(Configuration c, String stage) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StageProperties.NAME, c.text(StageProperties.NAME, c.name()));
        p.put(StageProperties.STAGE, stage);
        return p;
    }

    private <T> Candidate<T> candidate(T service, Configuration c, Map<String, Object> properties) {
        Map<String, Object> p = new LinkedHashMap<>(properties);
        p.put("service.id", nextId++);
        if (c != null) origin.put(service, c);
        return new Candidate<>(service, p);
    }

    private Map<String, Object> singleton(String pid) {
        Configuration c = configs.get(pid);
        return c == null ? Map.of() : c.properties();
    }

    // ---- preprocessing

    private Candidate<Preprocessor> chain(Configuration c, Map<String, Object> properties) {
        PreprocessingChainComponent.Config cc = Configs.of(PreprocessingChainComponent.Config.class, c.properties());
        ChainAssembly assembly = new ChainAssembly();
        long id = 1;
        for (String step : StandardSteps.NAMES) assembly.add(step, step(step), 0, id++);
        ChainAssembly.State state;
        try {
            state = assembly.assemble(PreprocessingChainComponent.stepNames(cc.steps()));
        } catch (IllegalArgumentException e) {
            throw new InputException(c.source(), "preprocessing chain '" + cc.ductus_name() + "': " + e.getMessage(), e);
        }
        if (!state.complete()) {
            throw new InputException(c.source(), "preprocessing chain '" + cc.ductus_name() + "' names unknown steps " + state.missing());
        }
        properties.put(StageProperties.NAME, cc.ductus_name());
        return candidate(state.chain(), c, properties);
    }

    /** A standard step as its component makes it from {@code dev.ductus.image.step.NAME} (or its defaults). */
    private Preprocessor step(String name) {
        Map<String, Object> p = singleton(STEP + name);
        BinarizerAttributes b = Configs.of(BinarizerAttributes.class, p);
        switch (name) {
            case "contrast" -> {
                ContrastStepComponent s = new ContrastStepComponent();
                s.configure(Configs.of(ContrastStepComponent.Config.class, p));
                return s;
            }
            case "binarize" -> {
                BinarizeStepComponent s = new BinarizeStepComponent();
                s.configure(Configs.of(BinarizeStepComponent.Config.class, p), b);
                return s;
            }
            case "deskew" -> {
                DeskewStepComponent s = new DeskewStepComponent();
                s.configure(Configs.of(DeskewStepComponent.Config.class, p), b);
                return s;
            }
            case "deslant" -> {
                DeslantStepComponent s = new DeslantStepComponent();
                s.configure(Configs.of(DeslantStepComponent.Config.class, p), b);
                return s;
            }
            case "crop" -> {
                CropStepComponent s = new CropStepComponent();
                s.configure(Configs.of(CropStepComponent.Config.class, p));
                return s;
            }
            case "normalize" -> {
                NormalizeStepComponent s = new NormalizeStepComponent();
                s.configure(Configs.of(NormalizeStepComponent.Config.class, p), b);
                return s;
            }
            default -> throw new IllegalArgumentException("no component for preprocessing step '" + name + "'");
        }
    }

    private List<Candidate<LineSegmenter>> segmenters(String filter) {
        if (filter == null || filter.isBlank()) return List.of();
        Map<String, Object> p = singleton(SEGMENTER);
        LineSegmenterComponent s = new LineSegmenterComponent();
        s.configure(Configs.of(LineSegmenterComponent.Config.class, p), Configs.of(BinarizerAttributes.class, p));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(StageProperties.STAGE, StageProperties.STAGE_SEGMENTER);
        props.put(StageProperties.NAME, "projection");
        return List.of(candidate(s, null, props));
    }

    // ---- optical models

    private List<Candidate<OpticalModel>> opticals(String filter) {
        Map<String, Builder<OpticalModel>> builders = new LinkedHashMap<>();
        builders.put(CTC_MODEL, this::ctcModel);
        builders.put(GmmHmmOpticalModelComponent.PID, this::gmmHmmModel);
        builders.put(HybridOpticalModelComponent.PID, this::hybridModel);
        return build(filter, StageProperties.STAGE_OPTICAL_MODEL, builders);
    }

    private List<FeatureExtractor> extractors() {
        HandcraftedExtractorComponent handcrafted = new HandcraftedExtractorComponent();
        handcrafted.configure(Configs.of(HandcraftedExtractorComponent.Config.class, singleton(HandcraftedExtractorComponent.PID)));
        PixelWindowExtractorComponent pixels = new PixelWindowExtractorComponent();
        pixels.configure(Configs.of(PixelWindowExtractorComponent.Config.class, singleton(PixelWindowExtractorComponent.PID)));
        return List.of(handcrafted, pixels);
    }

    private static <M> Served<M> load(Configuration c, String name, ModelStore.Loader<M> loader, ModelStore.Source source) {
        ModelStore<M> store = new ModelStore<>(name, loader);
        if (!store.configure(source)) throw new InputException(c.source(), "model '" + name + "': " + store.status());
        Served<M> served = store.require();
        store.close();
        return served;
    }

    private static Path modelPath(Configuration c, String name) {
        String path = c.text("model.path", "");
        if (path.isBlank()) throw new InputException(c.source(), name + ": model.path is not set");
        return Path.of(path);
    }

    private Candidate<OpticalModel> ctcModel(Configuration c, Map<String, Object> properties) {
        CtcModelComponent.Config cc = Configs.of(CtcModelComponent.Config.class, c.properties());
        Path path = modelPath(c, cc.ductus_name());
        Served<CtcModel> s = load(c, cc.ductus_name(), files -> CtcModel.read(files.get(0), null, null), ModelStore.Source.of(path));
        OpticalModel scorer = CtcModelComponent.scorer(s.model(), path.toString(), extractors());
        return optical(scorer, c, properties, s.model().info().facts(), s);
    }

    private Candidate<OpticalModel> gmmHmmModel(Configuration c, Map<String, Object> properties) {
        GmmHmmOpticalModelComponent.Config cc = Configs.of(GmmHmmOpticalModelComponent.Config.class, c.properties());
        Path path = modelPath(c, cc.ductus_name());
        String spec = cc.features_spec() == null ? "" : cc.features_spec().trim();
        Served<GmmHmmModel> s = load(c, cc.ductus_name(), files -> GmmHmmOpticalModelComponent.load(files.get(0), spec),
                new ModelStore.Source(List.of(path), "features.spec=" + spec, ""));
        GmmHmmModel m = s.model();
        OpticalModel scorer = new Scorer(m.info(), m::score);
        properties.put(StageProperties.SYSTEM, GmmHmmModel.SYSTEM);
        return optical(scorer, c, properties, m.info().facts(), s);
    }

    private Candidate<OpticalModel> hybridModel(Configuration c, Map<String, Object> properties) {
        HybridOpticalModelComponent.Config cc = Configs.of(HybridOpticalModelComponent.Config.class, c.properties());
        Path path = modelPath(c, cc.ductus_name());
        Served<HybridOpticalModelComponent.Loaded> s = load(c, cc.ductus_name(), files -> HybridOpticalModelComponent.load(files.get(0), cc),
                new ModelStore.Source(List.of(path), "prior.exponent=" + cc.prior_exponent() + ";optical.scale=" + cc.optical_scale(), ""));
        HybridOpticalModelComponent.Loaded l = s.model();
        OpticalModel scorer = new Scorer(l.model().info(), line -> l.model().score(line, l.scaling()));
        return optical(scorer, c, properties, l.model().info().facts(), s);
    }

    /** A loaded model as an optical-model stage: its facts and how it scores a line. */
    private record Scorer(ModelInfo info, java.util.function.Function<GrayImage, FrameScores> scoring) implements OpticalModel {
        @Override
        public FrameScores score(GrayImage line) {
            return scoring.apply(line);
        }
    }

    private Candidate<OpticalModel> optical(OpticalModel scorer, Configuration c, Map<String, Object> properties,
                                            Map<String, String> facts, Served<?> served) {
        properties.putAll(ModelStage.chainOf(facts));
        properties.put(StageProperties.MODEL_VERSION, served.version().id());
        return candidate(scorer, c, properties);
    }

    // ---- sequence models (attention)

    static final String ATTENTION_MODEL = "dev.ductus.attention.model";
    static final String PARAGRAPH_MODEL = "dev.ductus.attention.paragraph";

    private List<Candidate<SequenceModel>> sequences(String filter) {
        Map<String, Builder<SequenceModel>> builders = new LinkedHashMap<>();
        builders.put(ATTENTION_MODEL, this::attentionModel);
        builders.put(PARAGRAPH_MODEL, this::paragraphModel);
        return build(filter, StageProperties.STAGE_SEQUENCE_MODEL, builders);
    }

    private Candidate<SequenceModel> attentionModel(Configuration c, Map<String, Object> properties) {
        AttentionModelComponent.Config cc = Configs.of(AttentionModelComponent.Config.class, c.properties());
        Path path = modelPath(c, cc.ductus_name());
        Served<AttentionModel> s = load(c, cc.ductus_name(), files -> AttentionModel.read(files.get(0), null, null), ModelStore.Source.of(path));
        AttentionBeamSearch search = new AttentionBeamSearch(AttentionModelComponent.settings(cc));
        AttentionModel m = s.model();
        return sequence(new Reader(m.info(), (image, lm) -> AttentionModelComponent.recognize(m, search, image, lm)), c, properties,
                m.facts(), s);
    }

    private Candidate<SequenceModel> paragraphModel(Configuration c, Map<String, Object> properties) {
        ParagraphModelComponent.Config cc = Configs.of(ParagraphModelComponent.Config.class, c.properties());
        Path path = modelPath(c, cc.ductus_name());
        Served<ParagraphModel> s = load(c, cc.ductus_name(), files -> ParagraphModel.read(files.get(0), null, null), ModelStore.Source.of(path));
        PrefixBeamDecoder beam = new PrefixBeamDecoder(new BeamSettings(cc.beam(), cc.lm_weight(), cc.insertion_bonus(),
                BeamSettings.VocabularyMode.OPEN, Math.log(1e-3)));
        ParagraphModel m = s.model();
        return sequence(new Reader(m.info(), (image, lm) -> m.read(image, beam, lm).hypothesis()), c, properties, m.facts(), s);
    }

    /** A loaded sequence model as a stage: its facts and how it reads an image. */
    private record Reader(ModelInfo info, java.util.function.BiFunction<GrayImage, LanguageModel, Hypothesis> reading)
            implements SequenceModel {
        @Override
        public Hypothesis recognize(GrayImage image, LanguageModel lm) {
            return reading.apply(image, lm);
        }
    }

    private Candidate<SequenceModel> sequence(SequenceModel model, Configuration c, Map<String, Object> properties,
                                              Map<String, String> facts, Served<?> served) {
        properties.putAll(ModelStage.chainOf(facts));
        properties.put(StageProperties.MODEL_VERSION, served.version().id());
        return candidate(model, c, properties);
    }

    // ---- decoders and language models

    private List<Candidate<Decoder>> decoders(String filter) {
        List<Candidate<Decoder>> out = new ArrayList<>();
        Predicate<Map<String, ?>> match = filter == null || filter.isBlank() ? p -> true : StageSelection.parse(filter);
        List<Configuration> hmm = factoryConfigurations(HmmDecoderComponent.PID);
        List<Configuration> beam = factoryConfigurations(CTC_BEAM);
        for (Configuration c : hmm) addDecoder(out, match, c, hmmDecoder(c.properties()));
        for (Configuration c : beam) addDecoder(out, match, c, beamDecoder(c.properties()));
        // the components' own instances, without a configuration
        addDecoder(out, match, null, hmmDecoder(singleton(HmmDecoderComponent.PID)));
        addDecoder(out, match, null, beamDecoder(singleton(CTC_BEAM)));
        addDecoder(out, match, null, new Named<>("ctc-greedy", new GreedyDecoderComponent()));
        return out;
    }

    private record Named<T>(String name, T service) {
    }

    private static Named<Decoder> hmmDecoder(Map<String, Object> p) {
        HmmDecoderComponent.Config c = Configs.of(HmmDecoderComponent.Config.class, p);
        HmmDecoderComponent d = new HmmDecoderComponent();
        d.configure(c);
        return new Named<>(c.ductus_name(), d);
    }

    private static Named<Decoder> beamDecoder(Map<String, Object> p) {
        BeamDecoderComponent d = new BeamDecoderComponent();
        d.configure(Configs.of(BeamDecoderComponent.Config.class, p));
        Object name = p.get(StageProperties.NAME);
        return new Named<>(name == null ? "ctc-beam" : String.valueOf(name), d);
    }

    private void addDecoder(List<Candidate<Decoder>> out, Predicate<Map<String, ?>> match, Configuration c, Named<Decoder> d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StageProperties.NAME, d.name());
        p.put(StageProperties.STAGE, StageProperties.STAGE_DECODER);
        if (match != null && match.test(p)) out.add(candidate(d.service(), c, p));
    }

    private Candidate<LanguageModel> languageModel(Configuration c, Map<String, Object> properties) {
        LanguageModelComponent.Config cc = Configs.of(LanguageModelComponent.Config.class, c.properties());
        if (cc.model_path() == null || cc.model_path().isBlank()) {
            throw new InputException(c.source(), "language model " + cc.ductus_name() + ": model.path is not set");
        }
        String unit = cc.unit().trim().toLowerCase(Locale.ROOT);
        List<Path> files = new ArrayList<>(List.of(Path.of(cc.model_path())));
        if (unit.equals("hybrid") && !cc.char_model_path().isBlank()) files.add(Path.of(cc.char_model_path()));
        Served<LanguageModel> s = load(c, cc.ductus_name(), f -> LanguageModelComponent.load(f, cc),
                new ModelStore.Source(files, "unit=" + unit, ""));
        properties.put(StageProperties.NAME, cc.ductus_name());
        properties.put(StageProperties.LM_UNIT, s.model().unit().name().toLowerCase(Locale.ROOT));
        properties.put(StageProperties.MODEL_VERSION, s.version().id());
        return candidate(s.model(), c, properties);
    }
}
