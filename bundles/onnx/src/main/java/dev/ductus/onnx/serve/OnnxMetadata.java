package dev.ductus.onnx.serve;

/**
 * The model properties ({@code metadata_props}) a Ductus export writes into an ONNX file, so that the file serves
 * without further configuration: its alphabet, blank, input and what its output holds. Files from elsewhere (a PyTorch
 * export) lack them; their stage configuration says the same things.
 */
public final class OnnxMetadata {
    /** The alphabet without the blank, in class order, as {@code Alphabet.serialize()} writes it (hex code points). */
    public static final String ALPHABET = "ductus.alphabet";
    /** The class index of the CTC blank. */
    public static final String BLANK = "ductus.blank";
    /** The input the model reads, e.g. {@code pixels:h=48}. */
    public static final String INPUT = "ductus.input";
    /** The preprocessing chain the model was trained after, e.g. {@code pixels}. */
    public static final String CHAIN = "ductus.chain";
    /** {@code logits}, {@code log-softmax} or {@code softmax}. */
    public static final String OUTPUT = "ductus.output";
    /** {@code TNC} or {@code NTC}. */
    public static final String LAYOUT = "ductus.layout";
    /** The system and network spec of the model the file was exported from. */
    public static final String SYSTEM = "ductus.system";
    public static final String SPEC = "ductus.spec";
    /** The number of trained parameters. */
    public static final String PARAMETERS = "ductus.parameters";

    private OnnxMetadata() {
    }
}
