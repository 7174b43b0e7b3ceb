package dev.ductus.shell.cli;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code train --system S --data NAME [--validation NAME] [--out FILE] [--resume] [--set key=value]...}:
 * trains a model with the trainer of that system, printing progress with ETA.
 */
public final class TrainVerb implements Verb {
    private final ShellContext context;

    public TrainVerb(ShellContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a model: --system gmm-hmm|blstm-ctc|... --data cursive|digits|DIR";
    }

    @Override
    public String usage() {
        return """
                usage: ductus train --system SYSTEM --data NAME|DIR [--validation NAME|DIR] [--out FILE] [--resume]
                                    [--set key=value]... [--config run.properties|run.yaml] [--from MODEL]
                  NAME is an embedded dataset (cursive, digits, paragraphs), NAME:SIZE one of another size
                  (digits:large): its train and validation splits are used. The model goes to --out, by default
                  <cache>/models/SYSTEM-NAME.model (written atomically).
                  ductus train --system SYSTEM --help lists the options that system's trainer accepts; an unknown
                  key is an error (with the nearest known one). --config reads the options (and system, data,
                  validation, out) from a properties or flat YAML file; the command line overrides it. --from MODEL
                  fine-tunes: training starts from that model's weights (systems whose trainer declares 'from').""";
    }

    @Override
    public boolean answersHelp(List<String> args) {
        return args.contains("--system");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("resume", "help")).allow(Set.of("system", "data", "validation", "out",
                "resume", "set", "help", "config", "from"));
        Map<String, String> file = a.get("config", null) == null ? Map.of() : TrainingConfigFile.read(Path.of(a.get("config", null)));
        java.util.function.Function<String, String> fromFile = k -> a.get(k, file.get(k));
        String system = fromFile.apply("system");
        if (system == null) throw new Arguments.UsageException("--system is required (on the command line or in --config)");
        Trainer trainer = awaitTrainer(system);
        if (trainer == null) {
            String near = dev.ductus.api.train.TrainingOptionKeys.closest(system, context.trainers().keySet());
            err.println("train: no trainer for system '" + system + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")
                    + "; installed: " + String.join(", ", new TreeSet<>(context.trainers().keySet())));
            return 1;
        }
        if (a.flag("help")) {
            out.println(usage());
            out.println();
            if (trainer.options().isEmpty()) {
                out.println("the " + system + " trainer does not declare its options");
            } else {
                out.println("options of the " + system + " trainer (--set key=value; defaults in parentheses or in config/):");
                trainer.options().forEach((k, v) -> out.printf("  %-26s %s%n", k, v));
            }
            return 0;
        }
        String data = fromFile.apply("data");
        if (data == null) throw new Arguments.UsageException("--data is required (on the command line or in --config)");
        Map<String, String> options = new LinkedHashMap<>();
        file.forEach((k, v) -> {
            if (!TrainingConfigFile.VERB_KEYS.contains(k)) options.put(k, v);
        });
        if (a.get("from", null) != null) {
            if (!trainer.options().containsKey("from")) {
                throw new Arguments.UsageException("the " + system + " trainer cannot fine-tune (--from); trainers that can: "
                        + String.join(", ", new TreeSet<>(context.trainers().entrySet().stream()
                                .filter(t -> t.getValue().options().containsKey("from")).map(Map.Entry::getKey).toList())));
            }
            Path from = Path.of(a.get("from", null)).toAbsolutePath();
            if (!Files.isRegularFile(from)) throw new Arguments.UsageException("--from " + from + ": no such model file");
            options.put("from", from.toString());
        }
        for (String kv : a.all("set")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new Arguments.UsageException("--set expects key=value, got " + kv);
            options.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        options.putIfAbsent("data", data);
        try {
            dev.ductus.api.train.TrainingOptionKeys.check(system, options, trainer.options());
        } catch (dev.ductus.api.InputException e) {
            throw new Arguments.UsageException(e.getMessage() + " (ductus train --system " + system + " --help)");
        }

        DatasetProvider provider = context.datasets().orElse(null);
        if (provider == null) {
            err.println("train: no dataset provider is installed (bundle dev.ductus.data)");
            return 1;
        }
        Dataset train = provider.open(data, "train");
        String validationName = a.get("validation", file.getOrDefault("validation", data));
        Dataset validation = provider.open(validationName, "validation");
        CompareVerb.warnSkipped("train", train, err);
        CompareVerb.warnSkipped("train", validation, err);
        Path output = fromFile.apply("out") != null ? Path.of(fromFile.apply("out"))
                : context.cache().resolve("models").resolve(system + "-" + safe(data) + ".model");
        err.printf("train: %s on %s (%d training, %d validation samples) -> %s%n", system, data, train.size(),
                validation.size(), output);
        Path checkpoint = output.resolveSibling(output.getFileName() + ".ckpt");
        if (!a.flag("resume") && Files.isRegularFile(checkpoint)) {
            err.println("train: found " + checkpoint + " from an interrupted run; starting over (add --resume to continue it)");
        }
        TrainingResult result = trainer.train(new TrainingRequest(train, validation, output, a.flag("resume"), options),
                listener(err));
        StringBuilder metrics = new StringBuilder();
        result.metrics().forEach((k, v) -> metrics.append(String.format(Locale.ROOT, " %s=%.4g", k, v)));
        out.println("trained " + result.model() + metrics);
        return 0;
    }

    private Trainer awaitTrainer(String system) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3000;
        while (true) {
            long seen = context.generation();
            Trainer t = context.trainers().get(system);
            long left = deadline - System.currentTimeMillis();
            if (t != null || left <= 0) return t;
            context.awaitChange(seen, left);
        }
    }

    static String safe(String data) {
        String s = Path.of(data).getFileName() == null ? data : Path.of(data).getFileName().toString();
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Error rates (fractions in the events) are shown as percentages. */
    private static final Set<String> RATES = Set.of("cer", "wer", "fer", "best.cer", "ser");

    /**
     * One progress line in the Kraken / PyLaia style: the epoch as a fraction first, then loss, error rates in
     * percent, the other metrics, elapsed time and ETA, e.g.
     * {@code [epoch] epoch 1.37  loss 41.2  lr 0.001  step 2570/22500  elapsed 14:10  ETA 1:49:31}.
     */
    static String line(TrainingProgress p) {
        StringBuilder m = new StringBuilder("[" + p.phase() + "]");
        Map<String, Double> metrics = new java.util.TreeMap<>(p.metrics());
        Double epoch = metrics.remove("epoch");
        if (epoch != null) m.append(String.format(Locale.ROOT, " epoch %.2f", epoch));
        Double loss = metrics.remove("loss");
        if (loss != null) m.append(String.format(Locale.ROOT, "  loss %.4g", loss));
        metrics.forEach((k, v) -> {
            if (RATES.contains(k)) m.append(String.format(Locale.ROOT, "  %s %.2f %%", k, 100 * v));
            else m.append(String.format(Locale.ROOT, "  %s %.4g", k, v));
        });
        m.append(String.format(Locale.ROOT, "  step %d/%d  elapsed %s  ETA %s", p.step(), p.totalSteps(),
                Progress.clock(p.elapsedSeconds()), Progress.clock(p.etaSeconds())));
        return m.toString();
    }

    /** Prints progress events, at most one line per second per phase, always the last of each phase. */
    public static TrainingListener listener(PrintStream err) {
        return new TrainingListener() {
            private long last;
            private String lastPhase = "";

            @Override
            public synchronized void progress(TrainingProgress p) {
                long now = System.currentTimeMillis();
                boolean phaseEnd = p.step() >= p.totalSteps();
                if (!phaseEnd && p.phase().equals(lastPhase) && now - last < 1000) return;
                last = now;
                lastPhase = p.phase();
                err.println(line(p));
            }

            @Override
            public void message(String text) {
                err.println(text);
            }
        };
    }
}
