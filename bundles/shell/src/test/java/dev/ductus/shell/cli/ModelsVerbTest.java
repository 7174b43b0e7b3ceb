package dev.ductus.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

    /** A context whose `lm defaults DIR` writes both default model files, recording what is refreshed. */
    private final class Context implements ShellContext {
        final List<String> refreshed = new ArrayList<>();
        final List<String> lmRuns = new ArrayList<>();

        @Override
        public List<PipelineView> pipelines() {
            return List.of();
        }

        @Override
        public Optional<ImageLoader> imageLoader() {
            return Optional.empty();
        }

        @Override
        public Optional<DatasetProvider> datasets() {
            return Optional.empty();
        }

        @Override
        public Map<String, Trainer> trainers() {
            return Map.of();
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
            return Map.of("lm", lm);
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
}
