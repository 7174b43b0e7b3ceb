package dev.ductus.api;

/**
 * Service properties every stage registers, so that a pipeline configuration can pick it with a filter such
 * as {@code (&(ductus.stage=optical-model)(ductus.name=gmm-hmm))}.
 */
public final class StageProperties {
    /** The role of a stage: one of the STAGE_* values. */
    public static final String STAGE = "ductus.stage";
    /** The name a pipeline selects a stage by, e.g. {@code default}, {@code gmm-hmm}, {@code word-3gram}. */
    public static final String NAME = "ductus.name";
    /** The system a model or trainer belongs to, e.g. {@code gmm-hmm}, {@code blstm-ctc}. */
    public static final String SYSTEM = "ductus.system";

    /** Recognizers: whether the pipeline has every stage it needs ({@code Boolean}). */
    public static final String READY = "ductus.ready";
    /** Recognizers: one line, "ready: ...", "waiting for ..." or "degraded ...". */
    public static final String STATUS = "ductus.status";
    /** Recognizers: {@code line} or {@code paragraph}. */
    public static final String INPUT = "ductus.input";
    /** Recognizers: the name of the optical or sequence model the pipeline uses now. */
    public static final String MODEL = "ductus.model";
    /** Recognizers: the embedded dataset the pipeline's models were trained for (cursive, digits). */
    public static final String DATA = "ductus.data";
    /** Recognizers: one line saying what the pipeline is. */
    public static final String DESCRIPTION = "ductus.description";
    /**
     * Model stages: which file content serves, {@code NAME@} and 12 hex digits of its SHA-256; recognizers: the
     * version of the model they use now. Results note it too.
     */
    public static final String MODEL_VERSION = "ductus.model.version";
    /**
     * Model stages: the name of the preprocessing chain the model was trained on, when its file records one; a
     * pipeline with another preprocessor refuses the model and says why.
     */
    public static final String MODEL_CHAIN = "ductus.model.chain";
    /** Language models: {@code word}, {@code char} or {@code hybrid}. */
    public static final String LM_UNIT = "ductus.lm.unit";
    /** The version of the language model a result was decoded with ({@code NAME@} + 12 hex digits of its files' SHA-256). */
    public static final String LM_VERSION = "ductus.lm.version";

    public static final String STAGE_PREPROCESSOR = "preprocessor";
    public static final String STAGE_PREPROCESSING_STEP = "preprocessing-step";
    public static final String STAGE_SEGMENTER = "line-segmenter";
    public static final String STAGE_FEATURES = "feature-extractor";
    public static final String STAGE_OPTICAL_MODEL = "optical-model";
    public static final String STAGE_SEQUENCE_MODEL = "sequence-model";
    public static final String STAGE_DECODER = "decoder";
    public static final String STAGE_LANGUAGE_MODEL = "language-model";
    public static final String STAGE_RECOGNIZER = "recognizer";

    private StageProperties() {
    }
}
