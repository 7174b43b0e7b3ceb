package dev.ductus.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsVerbTest {
    @TempDir
    Path dir;

    /**
     * A context whose `lm defaults DIR` writes both default model files, recording what is refreshed, and that
     * serves the models in {@link #served}.
     */
    private final class Context extends TestContext {
        final List<String> refreshed = new ArrayList<>();
        final List<String> lmRuns = new ArrayList<>();
        final List<ServedModel> served = new ArrayList<>();
        final List<ModelConfig> configs = new ArrayList<>();
        final List<String> exportRuns = new ArrayList<>();
        boolean onnxInstalled = true;

        @Override
        public List<ModelConfig> modelConfigs() {
            return configs;
        }

        @Override
        public List<ServedModel> servedModels() {
            return served;
        }

        @Override
        public Map<String, Command> commands() {
            Command lm = new Command() {
                @Override
                public String summary() {
                    return "fake lm";
                }

                @Override
                public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
                    lmRuns.add(String.join(" ", args));
                    Path models = Path.of(args.get(1));
                    Files.writeString(models.resolve("word-3gram.bin"), "w");
                    Files.writeString(models.resolve("char-6gram.bin"), "c");
                    return 0;
                }
            };
            Command export = new Command() {
                @Override
                public String summary() {
                    return "fake export-onnx";
                }

                @Override
                public int run(List<String> args, PrintStream out, PrintStream err) {
                    exportRuns.add(String.join(" ", args));
                    return 0;
                }
            };
            return onnxInstalled ? Map.of("lm", lm, "export-onnx", export) : Map.of("lm", lm);
        }

        @Override
        public String describeFramework() {
            return "";
        }

        @Override
        public Path home() {
            return dir;
        }

        @Override
        public Path cache() {
            return dir;
        }

        @Override
        public boolean refreshConfiguration(String pid) {
            refreshed.add(pid);
            return true;
        }
    }

    private ModelConfig lm(String name, String... files) {
        Map<String, Object> props = new java.util.HashMap<>();
        props.put("ductus.name", name);
        props.put("model.path", dir.resolve(files[0]).toString());
        if (files.length > 1) props.put("char.model.path", dir.resolve(files[1]).toString());
        return ModelConfig.of("dev.ductus.lm~" + name, props);
    }

    /** {@code models export-onnx} hands its arguments to the onnx bundle's verb, and says so when that bundle is absent. */
    @Test
    void exportOnnxIsTheOnnxBundlesVerb() throws Exception {
        Context c = new Context();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        ModelsVerb verb = new ModelsVerb(c, null);
        assertEquals(0, verb.run(List.of("export-onnx", "crnn.model", "-o", "crnn.onnx"), System.out, e));
        assertEquals(List.of("crnn.model -o crnn.onnx"), c.exportRuns);
        c.onnxInstalled = false;
        assertEquals(1, verb.run(List.of("export-onnx", "crnn.model", "-o", "crnn.onnx"), System.out, e));
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("export-onnx needs the onnx bundle"));
    }

    /** Defect: `ductus models` hid the stored validation CER and which version serves. */
    @Test
    void aServedModelIsListedWithItsVersionAndRecordedValidationCer() {
        dev.ductus.api.model.ModelInfo info = new dev.ductus.api.model.ModelInfo("crnn", 1,
                new dev.ductus.api.model.Alphabet(List.of("a")), "pixels:h=48", 10,
                Map.of("validation.cer", "0.07671", "epochs", "6", "train.seconds.total", "3600.0", "train.data", "cursive/train"));
        String line = ModelsVerb.servedLine(new ShellContext.ServedModel("crnn-cursive", "crnn-cursive@6b1d0e49a316", info));
        assertEquals("crnn-cursive@6b1d0e49a316, validation CER 7.67 %, epochs 6, trained 3600.0 s on cursive/train", line);
    }

    /** Defect: `ductus models` listed the hybrid LM twice (one line per file, each with the name). */
    @Test
    void aModelOfSeveralFilesIsListedOnceWithAllItsFiles() throws Exception {
        Context context = new Context();
        context.configs.add(lm("hybrid", "word-3gram.bin", "char-6gram.bin"));
        Files.writeString(dir.resolve("word-3gram.bin"), "w");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ModelsVerb(context, new TrainVerb(context)).run(List.of("--wait", "0"), new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("hybrid")).count(), lines.toString());
        assertTrue(lines.get(0).startsWith("hybrid") && lines.get(0).contains("present") && lines.get(0).endsWith("word-3gram.bin"), lines.get(0));
        assertTrue(lines.get(1).startsWith(" ") && lines.get(1).contains("MISSING") && lines.get(1).endsWith("char-6gram.bin"), lines.get(1));
    }

    @Test
    void aRecipeTrainsOnALargerSizeAndValidatesOnTheSmallSet() {
        ModelConfig c = ModelConfig.of("dev.ductus.ctc.model~crnn-cursive", Map.of("ductus.name", "crnn-cursive",
                "model.path", "/m/crnn-cursive.model", "train.system", "crnn", "train.data", "cursive:large",
                "train.validation", "cursive", "train.options", "epochs=12;max.minutes=60"));
        assertEquals("cursive", c.dataset());
        assertEquals("ductus train --system crnn --data cursive:large --validation cursive --out /m/crnn-cursive.model"
                + " --set epochs=12 --set max.minutes=60", c.recipe());
        assertEquals(List.of("--system", "crnn", "--data", "cursive:large", "--validation", "cursive", "--out",
                "/m/crnn-cursive.model"), c.trainArguments());
        assertEquals(List.of("--system", "crnn", "--data", "cursive", "--out", "/m/crnn-cursive.model"), c.trainArguments(true),
                "the demo's small budget trains on the small set");
    }

    @Test
    void buildingTheDefaultLanguageModelsOnceRefreshesEveryConfigurationThatNeededThem() throws Exception {
        Context context = new Context();
        ModelsVerb verb = new ModelsVerb(context, new TrainVerb(context));
        List<ModelConfig> configs = List.of(lm("char-6gram", "char-6gram.bin"), lm("hybrid", "word-3gram.bin", "char-6gram.bin"),
                lm("word-3gram", "word-3gram.bin"));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        assertEquals(0, verb.buildMissing(configs, null, false, sink, sink));
        assertEquals(1, context.lmRuns.size(), context.lmRuns.toString());
        assertEquals(List.of("dev.ductus.lm~char-6gram", "dev.ductus.lm~hybrid", "dev.ductus.lm~word-3gram"), context.refreshed);
    }

    @Test
    void aModelWhoseTrainingNeedsAnotherMissingModelComesAfterIt() {
        Map<String, Object> gmm = Map.of("ductus.name", "gmm", "model.path", dir.resolve("gmm.model").toString(),
                "train.system", "gmm-hmm", "train.data", "cursive");
        Map<String, Object> mlp = Map.of("ductus.name", "a-mlp", "model.path", dir.resolve("mlp.model").toString(),
                "train.system", "mlp-hmm", "train.data", "cursive",
                "train.options", "gmm.model=" + dir.resolve("gmm.model") + ";epochs=2",
                "train.demo.options", "epochs=1");
        List<ModelConfig> ordered = ModelsVerb.dependenciesFirst(List.of(ModelConfig.of("m", mlp), ModelConfig.of("g", gmm)));
        assertEquals(List.of("gmm", "a-mlp"), ordered.stream().map(ModelConfig::name).toList());
        ModelConfig m = ordered.get(1);
        assertEquals("2", m.trainOptions(false).get("epochs"));
        assertEquals("1", m.trainOptions(true).get("epochs"));
        assertEquals(dir.resolve("gmm.model").toString(), m.trainOptions(true).get("gmm.model"));
    }

    private Context servingTwoModels() {
        Context context = new Context();
        Alphabet digits = new Alphabet(List.of("0", "1", "2", "3"));
        context.served.add(new ShellContext.ServedModel("crnn-digits", "crnn-digits@161aaef58278", new ModelInfo("crnn", 2, digits,
                "height=32", 52_000, Map.of("train.data", "digits/train", "epochs", "2", "validation.cer", "0.21000",
                "curve", "1:2.3127:0.41230:610 2:1.1020:0.21000:1222 3:1.0500:0.23000:1830"))));
        context.served.add(new ShellContext.ServedModel("gmm-hmm", "gmm-hmm@0123456789ab", new ModelInfo("gmm-hmm", 1, digits,
                "window=8", 9_000, Map.of("validation.cer", "0.30000"))));
        return context;
    }

    private static String run(CommandLine cli, PrintStream out, PrintStream err, String... args) {
        return String.valueOf(cli.execute(args, out, err));
    }

    @Test
    void reportWritesOnePageForTheServedModelsAndSaysHowManyHadCurves() throws Exception {
        Context context = servingTwoModels();
        CommandLine cli = new CommandLine(context, List.of(new ModelsVerb(context, new TrainVerb(context))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path file = dir.resolve("report.html");
        assertEquals("0", run(cli, new PrintStream(out, true), new PrintStream(err, true),
                "models", "report", "-o", file.toString(), "--wait", "0"), err.toString());
        assertEquals("models: wrote " + file + ": 2 models, 1 with a learning curve" + System.lineSeparator(), out.toString());
        String html = Files.readString(file);
        assertTrue(html.contains("crnn-digits@161aaef58278") && html.contains("gmm-hmm@0123456789ab"), html);
        assertTrue(html.contains("<td class=\"num\">21.00</td>") && html.contains("<td class=\"num\">30.00</td>"), html);
        assertTrue(html.contains("<td class=\"num\">2 / 3</td>"), html);
        assertEquals(3, html.split("<svg", -1).length - 1, "overview, CER and loss charts of the one with a curve");
        assertEquals(9, html.split("<circle", -1).length - 1, "3 points in each of the 3 charts");
        assertTrue(html.contains("no learning curve recorded (trained before curves were recorded)"), html);
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left behind");
        }

        // --out is the long spelling, and writing again replaces the file
        Files.writeString(file, "old");
        assertEquals("0", run(cli, new PrintStream(out), new PrintStream(err), "models", "report", "--out", file.toString(),
                "--wait", "0"));
        assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void reportToAnUnwritablePathFailsWithOneLineNamingIt() throws Exception {
        Context context = servingTwoModels();
        CommandLine cli = new CommandLine(context, List.of(new ModelsVerb(context, new TrainVerb(context))));
        Path blocker = Files.writeString(dir.resolve("plain-file"), "x");
        for (Path bad : List.of(blocker.resolve("report.html"), blocker.resolve("sub").resolve("report.html"), dir)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals("1", run(cli, new PrintStream(out, true), new PrintStream(err, true),
                    "models", "report", "-o", bad.toString(), "--wait", "0"));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("models: " + bad + ": "), message);
            assertTrue(message.contains(bad.equals(dir) ? "is a folder" : blocker + " is not a folder"), message);
            assertFalse(message.contains("Exception") || message.contains("\tat "), "no stack trace: " + message);
            assertEquals("", out.toString());
        }
        assertEquals("x", Files.readString(blocker));
    }

    @Test
    void reportWithoutAnOutputFileIsAUsageError() {
        Context context = servingTwoModels();
        CommandLine cli = new CommandLine(context, List.of(new ModelsVerb(context, new TrainVerb(context))));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        assertEquals("2", run(cli, sink, new PrintStream(err, true), "models", "report", "--wait", "0"));
        assertTrue(err.toString().startsWith("models: report needs -o FILE"), err.toString());
        assertEquals("2", run(cli, sink, new PrintStream(err, true), "models", "report", "-o", "x.html", "--only", "a"));
        assertTrue(err.toString().contains("unknown option --only"), err.toString());
    }
}
