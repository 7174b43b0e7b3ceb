package dev.ductus.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defect: `train --set epoch=1 --set bogus=3` silently ignored both keys; no list of keys anywhere. */
class TrainVerbTest {
    private final List<TrainingRequest> requests = new ArrayList<>();
    private boolean fineTunes;

    private final Trainer trainer = new Trainer() {
        @Override
        public String system() {
            return "crnn";
        }

        @Override
        public TrainingResult train(TrainingRequest request, TrainingListener listener) {
            requests.add(request);
            return new TrainingResult(request.output(), Map.of());
        }

        @Override
        public Map<String, String> options() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("epochs", "most epochs to train");
            m.put("lr", "learning rate");
            m.put("data", "the data's name");
            if (fineTunes) m.put("from", "fine-tune from this model");
            return m;
        }
    };

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    /** Datasets by name, opened as empty splits (the fake trainer reads nothing). */
    private final List<String> opened = new ArrayList<>();

    private final ShellContext context = new TestContext() {
        @Override public Map<String, Trainer> trainers() { return Map.of("crnn", trainer); }

        @Override
        public Optional<DatasetProvider> datasets() {
            return Optional.of(new DatasetProvider() {
                @Override public List<String> names() { return List.of("cursive"); }

                @Override
                public dev.ductus.api.data.Dataset open(String name, String split) {
                    opened.add(name + "/" + split);
                    return new dev.ductus.api.data.Dataset() {
                        @Override public String name() { return name; }
                        @Override public String split() { return split; }
                        @Override public List<dev.ductus.api.data.Sample> samples() { return List.of(); }
                    };
                }
            });
        }

        @Override public Path cache() { return dir; }
    };

    /** #14: a training run's settings from a properties or flat YAML file; the command line wins over it. */
    @Test
    void aConfigFileGivesTheRunsSettingsAndTheCommandLineOverridesIt() throws Exception {
        Path props = dir.resolve("run.properties");
        java.nio.file.Files.writeString(props, "system = crnn\ndata = cursive\nepochs = 7\nlr = 0.01\n");
        Result r = run("train", "--config", props.toString(), "--set", "lr=0.002", "--out", dir.resolve("m.model").toString());
        assertEquals(0, r.status(), r.err());
        TrainingRequest q = requests.get(0);
        assertEquals("7", q.options().get("epochs"));
        assertEquals("0.002", q.options().get("lr"), "--set wins over the file");
        assertEquals(dir.resolve("m.model"), q.output());
        assertEquals(List.of("cursive/train", "cursive/validation"), opened);

        Path yaml = dir.resolve("run.yaml");
        java.nio.file.Files.writeString(yaml, "# a run\nsystem: crnn\ndata: \"cursive\"   # quoted\nvalidation: other\nepochs: 3\n");
        assertEquals(0, run("train", "--config", yaml.toString()).status());
        assertEquals("3", requests.get(1).options().get("epochs"));
        assertTrue(opened.contains("other/validation"), opened.toString());

        java.nio.file.Files.writeString(yaml, "system: crnn\nschedule:\n  kind: cosine\n");
        Result nested = run("train", "--config", yaml.toString(), "--data", "cursive");
        assertTrue(nested.status() != 0 && nested.err().contains("run.yaml:2") && nested.err().contains("no value"), nested.err());
        java.nio.file.Files.writeString(props, "system = crnn\ndata = cursive\nepoch = 7\n");
        Result typo = run("train", "--config", props.toString());
        assertEquals(2, typo.status());
        assertTrue(typo.err().contains("did you mean 'epochs'?"), typo.err());
        assertEquals(2, requests.size(), "nothing trained from the bad files");
    }

    /** #14: --from is handed to a trainer that fine-tunes, and refused (naming those that can) by one that does not. */
    @Test
    void fromIsRefusedByATrainerThatCannotFineTune() throws Exception {
        Path model = java.nio.file.Files.writeString(dir.resolve("old.model"), "x");
        Result r = run("train", "--system", "crnn", "--data", "cursive", "--from", model.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("the crnn trainer cannot fine-tune (--from)"), r.err());
        assertTrue(requests.isEmpty());
        fineTunes = true;
        assertEquals(0, run("train", "--system", "crnn", "--data", "cursive", "--from", model.toString()).status());
        assertEquals(model.toAbsolutePath().toString(), requests.get(0).options().get("from"));
        Result missing = run("train", "--system", "crnn", "--data", "cursive", "--from", dir.resolve("none.model").toString());
        assertTrue(missing.status() == 2 && missing.err().contains("no such model file"), missing.err());
    }

    private record Result(int status, String out, String err) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(context, List.of(new TrainVerb(context))).execute(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMistypedOptionKeyIsAUsageErrorNamingTheNearestKey() {
        Result r = run("train", "--system", "crnn", "--data", "cursive", "--set", "epoch=1");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("training option 'epoch'") && r.err().contains("did you mean 'epochs'?"), r.err());
        Result bogus = run("train", "--system", "crnn", "--data", "cursive", "--set", "bogus=3");
        assertEquals(2, bogus.status());
        assertTrue(bogus.err().contains("'bogus'") && bogus.err().contains("known: data, epochs, lr"), bogus.err());
        assertTrue(requests.isEmpty(), "nothing was trained");
    }

    @Test
    void helpForASystemListsItsTrainersKeys() {
        Result r = run("train", "--system", "crnn", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("options of the crnn trainer"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  epochs +most epochs to train\\n.*"), r.out());
        Result plain = run("train", "--help");
        assertTrue(plain.out().contains("usage: ductus train"), plain.out());
        assertTrue(!plain.out().contains("options of the"), plain.out());
    }

    @Test
    void anUnknownSystemNamesTheNearestInstalledOne() {
        Result r = run("train", "--system", "crn", "--data", "cursive");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no trainer for system 'crn' (did you mean 'crnn'?)"), r.err());
    }

    /** Defect: progress printed `[epoch] 70/375 ... epoch 1.000` (steps, not a fractional epoch) and CER as a fraction. */
    @Test
    void progressShowsTheFractionalEpochFirstAndErrorRatesInPercent() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("lr", 0.001);
        m.put("cer", 0.1234);
        m.put("loss", 41.25);
        m.put("epoch", 1.375);
        String line = TrainVerb.line(new dev.ductus.api.train.TrainingProgress("epoch", 70, 375, m, 61, 3600));
        assertEquals("[epoch] epoch 1.38  loss 41.25  cer 12.34 %  lr 0.001000  step 70/375  elapsed 1:01  ETA 1:00:00", line);
    }
}
