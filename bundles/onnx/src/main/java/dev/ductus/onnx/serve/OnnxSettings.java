package dev.ductus.onnx.serve;

import java.util.Locale;

/**
 * How to read an ONNX CTC model: its classes (null: from the file's {@link OnnxMetadata}), the input height (0: the
 * height the model declares), whether the input is inverted (paper 1, ink 0, instead of Ductus' ink 1), what the
 * output holds and its layout, the preprocessing chain it expects, and onnxruntime's intra-op threads (0: its default).
 */
public record OnnxSettings(OnnxClasses classes, int height, boolean invert, Output output, Layout layout, String chain,
                           int threads) {
    /** What the output values are; each becomes CTC log-posteriors. */
    public enum Output {
        LOGITS, LOG_SOFTMAX, SOFTMAX;

        public static Output parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "logits" -> LOGITS;
                case "log-softmax", "log_softmax", "logsoftmax" -> LOG_SOFTMAX;
                case "softmax", "probabilities" -> SOFTMAX;
                default -> throw new IllegalArgumentException("output '" + s + "': expected logits, log-softmax or softmax");
            };
        }
    }

    /** Frames, batch and classes order of the output. */
    public enum Layout {
        TNC, NTC;

        public static Layout parse(String s) {
            return switch (s.trim().toUpperCase(Locale.ROOT)) {
                case "TNC" -> TNC;
                case "NTC" -> NTC;
                default -> throw new IllegalArgumentException("output.layout '" + s + "': expected TNC or NTC");
            };
        }
    }

    public OnnxSettings {
        if (height < 0) throw new IllegalArgumentException("input.height must be >= 0, got " + height);
        chain = chain == null ? "" : chain.trim();
    }

    /** Everything from the file (a Ductus export): logits-or-log-softmax in TNC. */
    public static OnnxSettings fromFile() {
        return new OnnxSettings(null, 0, false, Output.LOGITS, Layout.TNC, "", 0);
    }
}
