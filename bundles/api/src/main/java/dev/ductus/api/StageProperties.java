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
