package dev.ductus.ctc.explain;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.ctc.model.CtcModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code explain [--pipeline NAME] [--model FILE] [--preprocessor NAME|none] [--maps N] [--zoom Z] IMG [-o OUT.html]}:
 * writes one HTML page showing what a pixel CTC model (MDLSTM-CTC above all) reads in a line image. The model file
 * is the one the pipeline's optical-model stage serves (its {@code model.path}), or {@code --model}; the image goes
 * through the pipeline's preprocessor (or the one {@code --preprocessor} names, {@code default} when only a model
 * is given), and the page also shows what the pipeline itself recognises with its decoder and language model.
 */
public final class ExplainCommandLine {
    /** What the verb needs from the running framework. */
    public interface Environment {
        GrayImage read(Path image);

        /** The model file of the pipeline's optical model; an {@link InputException} says why there is none. */
        Path modelFile(String pipeline);

        /** The name of the preprocessor the pipeline uses, or null when it uses none. */
        String preprocessorOf(String pipeline);

        /** The preprocessor registered under that name; an {@link InputException} when there is none. */
        Preprocessor preprocessor(String name);

        /** The pipeline's own text for the (unprocessed) image, or null when it cannot recognise it. */
        String recognize(String pipeline, GrayImage image);

        /** Explainers of models that are not CTC models (attention), asked first. */
        default java.util.List<ModelExplainer> explainers() {
            return java.util.List.of();
        }
    }

    private final Environment env;

    public ExplainCommandLine(Environment env) {
        this.env = env;
    }

    public static String summary() {
        return "show what a pixel CTC model (mdlstm) reads in a line: posteriors under the image and feature maps, as HTML";
    }

    public static String usage() {
        return """
                usage: ductus explain [--pipeline NAME] [--model FILE] [--preprocessor NAME|none] [--maps N] [--zoom Z]
                                      IMG [-o OUT.html]
                  Writes one HTML page: the line as the network sees it, the per-frame character posteriors under it,
                  the texts of best-path decoding and of the pipeline (decoder + language model), and the N most active
                  feature maps of each 2-D LSTM layer (default 3). The model is the pipeline's (its optical model's
                  model.path) or --model; the image goes through the pipeline's preprocessor, or --preprocessor
                  (default: default). OUT defaults to IMG's name with .explain.html in the current folder.""";
    }

    public int run(List<String> args, PrintStream out, PrintStream err) {
        String pipeline = null;
        String modelArg = null;
        String preprocessorArg = null;
        String output = null;
        int maps = 3;
        int zoom = 2;
        List<String> positional = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--pipeline" -> pipeline = value(args, ++i, a);
                    case "--model" -> modelArg = value(args, ++i, a);
                    case "--preprocessor" -> preprocessorArg = value(args, ++i, a);
                    case "--maps" -> maps = number(value(args, ++i, a), a, 0);
                    case "--zoom" -> zoom = number(value(args, ++i, a), a, 1);
                    case "-o", "--out" -> output = value(args, ++i, a);
                    case "-h", "--help" -> {
                        out.println(usage());
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                        positional.add(a);
                    }
                }
            }
            if (positional.size() != 1) throw new IllegalArgumentException("expected one image, got " + positional.size());
            if (pipeline == null && modelArg == null) throw new IllegalArgumentException("give --pipeline NAME or --model FILE");
        } catch (IllegalArgumentException e) {
            err.println("explain: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        Path image = Path.of(positional.get(0));
        Path target = output != null ? Path.of(output) : Path.of(baseName(image) + ".explain.html");
        try {
            Path modelFile = modelArg != null ? Path.of(modelArg) : env.modelFile(pipeline);
            for (ModelExplainer x : env.explainers()) {
                if (!x.accepts(modelFile)) continue;
                GrayImage original = env.read(image);
                String preName = preprocessorArg != null ? preprocessorArg : pipeline != null ? env.preprocessorOf(pipeline) : "none";
                GrayImage input = preName == null || preName.equals("none") ? original : env.preprocessor(preName).process(original, new Notes());
                String pipelineText = pipeline == null ? null : env.recognize(pipeline, original);
                ModelExplainer.Explained e = x.explain(modelFile, input, pipelineText, zoom);
                AtomicFiles.writeString(target, e.html());
                out.println("wrote " + target + " (model " + modelFile + ", preprocessor " + (preName == null ? "none" : preName) + ")");
                out.println("read: " + e.text().replace("\n", " / "));
                if (pipelineText != null) out.println("pipeline " + pipeline + ": " + pipelineText.replace("\n", " / "));
                return 0;
            }
            CtcModel model = CtcModel.read(modelFile, null, null);
            LineExplainer explainer = new LineExplainer(model, modelFile.toString());
            GrayImage original = env.read(image);
            String preName = preprocessorArg != null ? preprocessorArg : pipeline != null ? env.preprocessorOf(pipeline) : "default";
            GrayImage line = preName == null || preName.equals("none") ? original : env.preprocessor(preName).process(original, new Notes());
            String pipelineText = pipeline == null ? null : env.recognize(pipeline, original);
            LineExplanation e = explainer.explain(line, pipelineText);
            AtomicFiles.writeString(target, new ExplanationPage(zoom, maps).html(e));
            out.println("wrote " + target + " (model " + modelFile + ", preprocessor " + (preName == null ? "none" : preName) + ")");
            out.println("best path: " + e.greedyText());
            if (pipelineText != null) out.println("pipeline " + pipeline + ": " + pipelineText);
            return 0;
        } catch (InputException e) {
            err.println("explain: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("explain: cannot write " + target + ": " + e.getMessage());
            return 1;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }

    private static int number(String s, String option, int min) {
        try {
            int v = Integer.parseInt(s);
            if (v >= min) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " expects an integer >= " + min + ", got " + s);
    }

    private static String baseName(Path image) {
        String n = image.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
