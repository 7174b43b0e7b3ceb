package dev.ductus.hybrid.experiment;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.train.HybridTrainingJob;
import dev.ductus.hybrid.train.HybridTrainingOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code experiment depth --system mlp-hmm|rnn-hmm --data NAME --gmm FILE [--max-depth N] [--parameters P]
 * [--radius K] [--dropout R] [--out DIR] [--set key=value]...}: the depth experiment as a verb; {@code --set}
 * passes hybrid training options (epochs, max.lines, batch, lr, ...).
 */
public final class DepthCommandLine {
    private static final String USAGE = """
            usage: ductus experiment depth --system mlp-hmm|rnn-hmm --data NAME|DIR --gmm GMM-HMM-MODEL
                                           [--max-depth 4] [--parameters 500000] [--radius 4] [--dropout 0]
                                           [--out DIR] [--set key=value]...
              Trains networks of 1..max-depth hidden layers, each as wide as the parameter budget allows, on the
              GMM-HMM's frame targets of NAME's training split and prints the validation FER and CER (no LM) per
              depth. --set passes training options (epochs=4, max.lines=1000, validation.lines=100, ...).""";

    private final DatasetProvider datasets;
    private final Preprocessor preprocessor;
    private final String preprocessing;
    private final Path defaultOut;

    /**
     * @param preprocessor  applied to the images (null: the data must be normalised already, preprocess=false)
     * @param preprocessing its name, part of the alignment cache key
     */
    public DepthCommandLine(DatasetProvider datasets, Preprocessor preprocessor, String preprocessing, Path defaultOut) {
        this.datasets = datasets;
        this.preprocessor = preprocessor;
        this.preprocessing = preprocessing;
        this.defaultOut = defaultOut;
    }

    public static String summary() {
        return "experiments: 'depth' trains MLP-HMMs (or RNN-HMMs) of 1..N hidden layers at constant size, FER/CER per depth";
    }

    /** @return 0 on success, 1 for bad input, 2 for bad usage */
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        if (!args.get(0).equals("depth")) {
            err.println("experiment: unknown experiment '" + args.get(0) + "' (depth)\n" + USAGE);
            return 2;
        }
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) {
                err.println("experiment depth: expected --name value, got '" + a + "'\n" + USAGE);
                return 2;
            }
            String name = a.substring(2);
            String value = args.get(++i);
            if (name.equals("set")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    err.println("experiment depth: --set expects key=value, got '" + value + "'");
                    return 2;
                }
                options.put(value.substring(0, eq), value.substring(eq + 1));
            } else if (List.of("system", "data", "gmm", "max-depth", "parameters", "radius", "dropout", "out").contains(name)) {
                flags.put(name, value);
            } else {
                err.println("experiment depth: unknown option --" + name + "\n" + USAGE);
                return 2;
            }
        }
        for (String required : List.of("system", "data", "gmm")) {
            if (!flags.containsKey(required)) {
                err.println("experiment depth: --" + required + " is required\n" + USAGE);
                return 2;
            }
        }
        String system = flags.get("system");
        if (!system.equals(HybridModel.MLP_HMM) && !system.equals(HybridModel.RNN_HMM)) {
            err.println("experiment depth: --system must be mlp-hmm or rnn-hmm, got '" + system + "'");
            return 2;
        }
        DepthExperiment.Settings settings;
        try {
            settings = new DepthExperiment.Settings(system, Integer.parseInt(flags.getOrDefault("max-depth", "4")),
                    Long.parseLong(flags.getOrDefault("parameters", "500000")), Integer.parseInt(flags.getOrDefault("radius", "4")),
                    Double.parseDouble(flags.getOrDefault("dropout", "0")));
        } catch (IllegalArgumentException e) {
            err.println("experiment depth: " + e.getMessage());
            return 2;
        }
        options.put("gmm.model", flags.get("gmm"));
        options.putIfAbsent("preprocessing", preprocessing);
        options.putIfAbsent("epochs", "4");
        if (preprocessor == null && !"false".equals(options.get("preprocess"))) {
            err.println("experiment depth: no preprocessor is available (or --set preprocess=false for normalised data)");
            return 1;
        }
        try {
            HybridTrainingOptions opt = HybridTrainingOptions.parse(system, options, Map.of());
            Dataset train = datasets.open(flags.get("data"), "train");
            Dataset validation = datasets.open(flags.get("data"), "validation");
            TrainingListener listener = listener(err);
            HybridTrainingJob.Data data = HybridTrainingJob.prepare(opt, train, validation, opt.preprocess() ? preprocessor : null,
                    null, listener);
            Path dir = Path.of(flags.getOrDefault("out", defaultOut.resolve("depth-" + system + "-" + flags.get("data")).toString()));
            out.printf(Locale.ROOT, "depth experiment: %s on %s, %d training and %d validation lines, budget %d parameters, %s%n",
                    system, flags.get("data"), data.train().size(), data.valid().size(), settings.parameters(), options);
            out.printf(Locale.ROOT, "%5s %6s %9s %7s %7s %7s %6s %8s  %s%n", "depth", "width", "params", "FER %", "CER %", "WER %",
                    "epochs", "seconds", "model");
            List<DepthExperiment.Row> rows = new ArrayList<>();
            new DepthExperiment(settings, opt).run(data, dir, listener, row -> {
                rows.add(row);
                out.printf(Locale.ROOT, "%5d %6d %9d %7.2f %7.2f %7.2f %6d %8.0f  %s%n", row.depth(), row.width(), row.parameters(),
                        100 * row.fer(), 100 * row.cer(), 100 * row.wer(), row.epochs(), row.seconds(), row.model());
                out.flush();
            });
            return 0;
        } catch (InputException e) {
            err.println("experiment depth: " + e.getMessage());
            return 1;
        }
    }

    private static TrainingListener listener(PrintStream err) {
        return new TrainingListener() {
            @Override
            public void progress(TrainingProgress e) {
                if (e.phase().startsWith("depth") && e.step() % 50 != 0) return;
                err.printf(Locale.ROOT, "  %s %d/%d %s  %.0f s, eta %.0f s%n", e.phase(), e.step(), e.totalSteps(), e.metrics(),
                        e.elapsedSeconds(), e.etaSeconds());
            }

            @Override
            public void message(String text) {
                if (!text.startsWith("skipped")) err.println("  " + text);
            }
        };
    }
}
