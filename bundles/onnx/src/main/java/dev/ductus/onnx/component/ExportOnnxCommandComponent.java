package dev.ductus.onnx.component;

import dev.ductus.api.InputException;
import dev.ductus.api.cli.Command;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.onnx.export.ExportCheck;
import dev.ductus.onnx.export.OnnxExporter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code export-onnx} verb ({@code ductus models export-onnx MODEL.model -o FILE.onnx}): writes a Ductus CTC pixel
 * model as an ONNX graph, then runs the file in onnxruntime beside the model's own forward pass on a check line and
 * reports the largest log-posterior difference (a difference above 1e-3 fails the export).
 */
@Component(service = Command.class, property = Command.VERB + "=export-onnx")
public class ExportOnnxCommandComponent implements Command {
    static final String USAGE = "usage: ductus models export-onnx MODEL.model -o|--out FILE.onnx";
    static final double TOLERANCE = 1e-3;

    @Override
    public String summary() {
        return "write a Ductus CTC pixel model (CRNN) as an ONNX graph, checked against the model in onnxruntime";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String model = null;
        String target = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-o") || a.equals("--out")) {
                if (i + 1 >= args.size()) return usage(err, a + " needs a file");
                target = args.get(++i);
            } else if (a.startsWith("--out=")) {
                target = a.substring("--out=".length());
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (a.startsWith("-")) {
                return usage(err, "unknown option " + a);
            } else if (model == null) {
                model = a;
            } else {
                return usage(err, "unexpected " + a);
            }
        }
        if (model == null || target == null) return usage(err, model == null ? "no model file" : "no -o FILE.onnx");
        Path source = Path.of(model);
        Path onnx = Path.of(target);
        if (!Files.isRegularFile(source)) throw new InputException(model, "no such model file");
        if (Files.isDirectory(onnx)) throw new InputException(target, "is a folder; -o names the .onnx file to write");
        CtcModel m = CtcModel.read(source, null, null);
        OnnxExporter.export(m, model, onnx);
        double diff = ExportCheck.maxDifference(m, onnx, 1);
        String line = String.format(Locale.ROOT, "export-onnx: wrote %s (%s, %s, %d bytes); onnxruntime vs Ductus on a check line: "
                + "max |log-posterior difference| %.2e", onnx, m.system(), m.network().spec(), size(onnx), diff);
        if (!(diff <= TOLERANCE)) {
            err.println(line);
            throw new InputException(target, String.format(Locale.ROOT, "the exported graph differs from the model by %.2e (> %.0e)", diff, TOLERANCE));
        }
        out.println(line);
        return 0;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static int usage(PrintStream err, String why) {
        err.println("export-onnx: " + why);
        err.println(USAGE);
        return 2;
    }
}
