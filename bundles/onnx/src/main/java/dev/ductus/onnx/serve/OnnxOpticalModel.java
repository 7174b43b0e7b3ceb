package dev.ductus.onnx.serve;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.ctc.input.PixelEncoder;
import dev.ductus.ctc.input.PixelSetup;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CTC optical model in an ONNX file, run by onnxruntime: the line is scaled to the model's input height as Ductus'
 * pixel models read it (ink 1, paper 0, or inverted), fed as [1, 1, H, W], and the output ([T, 1, C] or [1, T, C]
 * logits, log-softmax or softmax) becomes CTC log-posteriors with the blank moved to class 0. Loading checks the
 * declared input and output shapes against the settings, so a model that does not fit is refused at load with the
 * file named, not at the first line. Thread-safe (onnxruntime sessions are).
 *
 * <p>The native session is freed by {@link #close()}, or once the model is unreachable: a model swapped out by the
 * model store is not closed at the swap (a request may still be running on it) but when the last one is done with it.
 */
public final class OnnxOpticalModel implements OpticalModel, AutoCloseable {
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
    private final Path file;
    private final OrtSession session;
    private final String inputName;
    private final int height;
    private final long fixedWidth;
    private final OnnxClasses classes;
    private final OnnxSettings settings;
    private final PixelEncoder encoder;
    private final ModelInfo info;
    private final java.lang.ref.Cleaner.Cleanable cleanable;

    private OnnxOpticalModel(Path file, OrtSession session, String inputName, int height, long fixedWidth,
                             OnnxClasses classes, OnnxSettings settings, Map<String, String> facts, long parameters) {
        this.file = file;
        this.session = session;
        this.inputName = inputName;
        this.height = height;
        this.fixedWidth = fixedWidth;
        this.classes = classes;
        this.settings = settings;
        this.encoder = new PixelEncoder(height, PixelSetup.MIN_WIDTH);
        this.info = new ModelInfo("onnx", 1, classes.alphabet(), encoder.spec(), parameters, facts);
        this.cleanable = CLEANER.register(this, new Release(session));
    }

    /** Closes the session; holds no reference to the model, so that the model can become unreachable. */
    private record Release(OrtSession session) implements Runnable {
        @Override
        public void run() {
            try {
                session.close();
            } catch (OrtException e) {
                // already closed: nothing left to free
            }
        }
    }

    /**
     * Loads and checks a model file.
     *
     * @throws InputException naming the file: missing, not an ONNX model, or shapes that do not fit the settings
     */
    public static OnnxOpticalModel load(Path file, OnnxSettings settings) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new InputException(name, "no such ONNX model file");
        OrtSession session;
        // the environment first: any onnxruntime class starts the runtime, and the start is to go through it
        OrtEnvironment environment = OnnxRuntimeStart.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (settings.threads() > 0) options.setIntraOpNumThreads(settings.threads());
            session = environment.createSession(name, options);
        } catch (OrtException | RuntimeException e) {
            throw new InputException(name, "not an ONNX model onnxruntime can load: " + firstLine(e.getMessage()));
        }
        try {
            return check(file, session, settings);
        } catch (RuntimeException | OrtException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the refusal below is what counts
            }
            if (e instanceof InputException ie) throw ie;
            throw new InputException(name, "cannot read the model's inputs and outputs: " + firstLine(e.getMessage()));
        }
    }

    private static OnnxOpticalModel check(Path file, OrtSession session, OnnxSettings settings) throws OrtException {
        String name = file.toString();
        Map<String, String> meta = session.getMetadata().getCustomMetadata();
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new InputException(name, "the model has " + inputs.size() + " inputs " + inputs.keySet()
                    + "; a CTC line model reads one N x 1 x H x W image");
        }
        NodeInfo in = inputs.values().iterator().next();
        long[] shape = tensorShape(name, in);
        if (!(in.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT || shape.length != 4
                || shape[1] > 1 || shape[1] == 0) {
            throw new InputException(name, "input '" + in.getName() + "' is " + describe(in)
                    + ": expected float N x 1 x H x W (a batch of one-channel line images)");
        }
        int height = settings.height();
        if (shape[2] > 0 && height > 0 && shape[2] != height) {
            throw new InputException(name, "input '" + in.getName() + "' is " + describe(in) + ", H = " + shape[2]
                    + ", but input.height is " + height);
        }
        if (height == 0) {
            if (shape[2] > 0) height = (int) shape[2];
            else if (meta.containsKey(OnnxMetadata.INPUT)) height = PixelEncoder.parse(meta.get(OnnxMetadata.INPUT), 1).height();
            else throw new InputException(name, "input '" + in.getName() + "' is " + describe(in)
                    + " with a variable height: set input.height");
        }
        if (height < 4) throw new InputException(name, "input height " + height + " is below 4 rows");
        OnnxClasses classes = settings.classes();
        if (classes == null) {
            String alphabet = meta.get(OnnxMetadata.ALPHABET);
            if (alphabet == null) {
                throw new InputException(name, "the file records no alphabet (not a Ductus export): set alphabet or alphabet.path");
            }
            classes = new OnnxClasses(Alphabet.parse(alphabet), Integer.parseInt(meta.getOrDefault(OnnxMetadata.BLANK, "0").trim()));
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        NodeInfo out = outputs.values().iterator().next();
        long[] os = tensorShape(name, out);
        if (os.length != 3) {
            throw new InputException(name, "output '" + out.getName() + "' is " + describe(out) + ": expected "
                    + (settings.layout() == OnnxSettings.Layout.TNC ? "T x N x C" : "N x T x C") + " scores");
        }
        long c = os[2];
        if (c > 0 && c != classes.classes()) {
            throw new InputException(name, "output '" + out.getName() + "' has " + c + " classes; the alphabet has "
                    + classes.alphabet().size() + " symbols + blank = " + classes.classes());
        }
        Map<String, String> facts = new LinkedHashMap<>();
        String chain = !settings.chain().isEmpty() ? settings.chain() : meta.getOrDefault(OnnxMetadata.CHAIN, "");
        if (!chain.isBlank()) facts.put("chain", chain.trim());
        facts.put("onnx.file", file.getFileName().toString());
        String producer = session.getMetadata().getProducerName();
        if (producer != null && !producer.isBlank()) facts.put("onnx.producer", producer);
        if (meta.containsKey(OnnxMetadata.SPEC)) facts.put("onnx.spec", meta.get(OnnxMetadata.SPEC));
        facts.put("onnx.input", in.getName() + " " + Arrays.toString(shape));
        facts.put("onnx.output", out.getName() + " " + Arrays.toString(os) + " " + settings.output().name().toLowerCase(java.util.Locale.ROOT));
        long parameters = 0;
        try {
            parameters = Long.parseLong(meta.getOrDefault(OnnxMetadata.PARAMETERS, "0").trim());
        } catch (NumberFormatException e) {
            // a foreign or edited file: the count is only informative
        }
        return new OnnxOpticalModel(file, session, in.getName(), height, shape[3], classes, settings, facts, parameters);
    }

    private static long[] tensorShape(String name, NodeInfo n) {
        if (!(n.getInfo() instanceof TensorInfo t)) {
            throw new InputException(name, "'" + n.getName() + "' is " + n.getInfo() + ", not a tensor");
        }
        return t.getShape();
    }

    private static String describe(NodeInfo n) {
        if (!(n.getInfo() instanceof TensorInfo t)) return String.valueOf(n.getInfo());
        StringBuilder sb = new StringBuilder(t.type.toString().toLowerCase(java.util.Locale.ROOT)).append(' ');
        long[] s = t.getShape();
        for (int i = 0; i < s.length; i++) sb.append(i == 0 ? "" : " x ").append(s[i] < 0 ? "?" : Long.toString(s[i]));
        return s.length == 0 ? sb.append("scalar").toString() : sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        String line = s.strip().lines().findFirst().orElse("unreadable");
        return line.length() > 240 ? line.substring(0, 240) + "..." : line;
    }

    public Path file() {
        return file;
    }

    /** The rows of the input the model reads. */
    public int height() {
        return height;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public FrameScores score(GrayImage line) {
        return score(encoder.encode(line));
    }

    /** Scores an encoded line (ink 1, paper 0, the model's height). */
    public FrameScores score(EncodedLine line) {
        if (line.height() != height || line.channels() != 1) {
            throw new IllegalArgumentException("a line of " + line.height() + " rows x " + line.channels() + " channels for a model of "
                    + height + " rows");
        }
        int w = line.width();
        if (fixedWidth > 0 && w > fixedWidth) {
            throw new InputException(file.toString(), "the model reads lines of exactly " + fixedWidth
                    + " columns; this line is " + w + " at height " + height);
        }
        int width = fixedWidth > 0 ? (int) fixedWidth : w;
        float[] v = new float[height * width];
        float[] src = line.values();
        for (int y = 0; y < height; y++) System.arraycopy(src, y * w, v, y * width, w);
        if (settings.invert()) {
            for (int i = 0; i < v.length; i++) v[i] = 1 - v[i];
        }
        float[] raw;
        long[] shape;
        try (OnnxTensor x = OnnxTensor.createTensor(OnnxRuntimeStart.environment(), FloatBuffer.wrap(v), new long[] {1, 1, height, width});
             OrtSession.Result r = session.run(Map.of(inputName, x))) {
            OnnxTensor y = (OnnxTensor) r.get(0);
            shape = y.getInfo().getShape();
            FloatBuffer fb = y.getFloatBuffer();
            raw = new float[fb.remaining()];
            fb.get(raw);
        } catch (OrtException e) {
            throw new InputException(file.toString(), "onnxruntime failed on a " + height + " x " + width + " line: " + firstLine(e.getMessage()));
        }
        int batchAxis = settings.layout() == OnnxSettings.Layout.TNC ? 1 : 0;
        if (shape.length != 3 || shape[batchAxis] != 1 || shape[2] != classes.classes()) {
            throw new InputException(file.toString(), "output of shape " + Arrays.toString(shape) + " for one line: expected "
                    + (batchAxis == 1 ? "[T, 1, " : "[1, T, ") + classes.classes() + "]");
        }
        int frames = (int) shape[1 - batchAxis];
        // with one line, [T, 1, C] and [1, T, C] are both T rows of C values
        return new FrameScores(ScoreKind.CTC_LOG_POSTERIOR, frames, classes.classes(), logPosteriors(raw, frames),
                classes.alphabet(), null, line.frameX(frames), line.imageWidth());
    }

    /** Blank first, then the symbols in order; log-softmax per frame (the identity on log-posteriors already). */
    private float[] logPosteriors(float[] raw, int frames) {
        int k = classes.classes();
        int blank = classes.blank();
        float[] out = new float[frames * k];
        for (int t = 0; t < frames; t++) {
            int o = t * k;
            out[o] = value(raw[o + blank]);
            for (int c = 0, j = 1; c < k; c++) {
                if (c != blank) out[o + j++] = value(raw[o + c]);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) max = Math.max(max, out[o + c]);
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.exp(out[o + c] - max);
            double lse = max + Math.log(sum);
            for (int c = 0; c < k; c++) out[o + c] = (float) (out[o + c] - lse);
        }
        return out;
    }

    private float value(float v) {
        return settings.output() == OnnxSettings.Output.SOFTMAX ? (float) Math.log(Math.max(v, 1e-30f)) : v;
    }

    @Override
    public void close() {
        cleanable.clean();
    }
}
