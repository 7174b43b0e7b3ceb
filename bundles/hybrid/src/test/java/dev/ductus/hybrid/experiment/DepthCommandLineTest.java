package dev.ductus.hybrid.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.hybrid.TrainedGmm;
import dev.ductus.hybrid.net.HybridTopology;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthCommandLineTest {
    @TempDir
    Path dir;

    /** The rendered lines as the one dataset "rendered". */
    private static final DatasetProvider RENDERED = new DatasetProvider() {
        @Override
        public List<String> names() {
            return List.of("rendered");
        }

        @Override
        public Dataset open(String name, String split) {
            if (!name.equals("rendered")) throw new InputException(name, "no such dataset");
            return split.equals("train") ? TrainedGmm.TRAIN : TrainedGmm.VALIDATION;
        }
    };

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) throws Exception {
        return new DepthCommandLine(RENDERED, null, "none", dir).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void trainsOneNetworkPerDepthAtTheSameSizeAndPrintsTheirErrors() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = run(out, err, "depth", "--system", "mlp-hmm", "--data", "rendered", "--gmm", TrainedGmm.model().toString(),
                "--max-depth", "3", "--parameters", "60000", "--radius", "1", "--out", dir.resolve("depth").toString(),
                "--set", "preprocess=false", "--set", "epochs=2", "--set", "validation.lines=10",
                "--set", "alignment.cache=" + dir.resolve("align"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err);
        List<String> rows = text.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+ .*")).toList();
        assertEquals(3, rows.size(), text);
        for (int depth = 1; depth <= 3; depth++) {
            String[] f = rows.get(depth - 1).trim().split("\\s+");
            assertEquals(depth, Integer.parseInt(f[0]));
            long params = Long.parseLong(f[2]);
            assertTrue(params <= 60000 && params > 40000, rows.get(depth - 1));
            assertTrue(Files.exists(dir.resolve("depth/mlp-hmm-depth-" + depth + ".model")));
        }
        int w1 = Integer.parseInt(rows.get(0).trim().split("\\s+")[1]);
        int w3 = Integer.parseInt(rows.get(2).trim().split("\\s+")[1]);
        assertTrue(w3 < w1, text);
        int dim = dev.ductus.features.spec.WindowFeatureExtractor.of(TrainedGmm.FEATURES).dimension();
        assertEquals(HybridTopology.mlpWidthFor(60000, dim, 1, 1, statesOf()), w1);
    }

    private static int statesOf() {
        return dev.ductus.gmmhmm.model.GmmHmmModelFile.read(TrainedGmm.model()).gmmHmm().states();
    }

    @Test
    void usageErrorsAreStatusTwo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(out, err));
        assertEquals(2, run(out, err, "width"));
        assertEquals(2, run(out, err, "depth", "--system", "gmm-hmm", "--data", "rendered", "--gmm", "x"));
        assertEquals(2, run(out, err, "depth", "--data", "rendered", "--gmm", "x"));
        assertEquals(2, run(out, err, "depth", "--system", "mlp-hmm", "--data", "rendered", "--gmm", "x", "--colour", "red"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: ductus experiment depth"));
        assertEquals(0, run(out, err, "--help"));
        // a bad dataset or model is bad input
        assertEquals(1, run(out, err, "depth", "--system", "mlp-hmm", "--data", "nothing", "--gmm", TrainedGmm.model().toString(),
                "--set", "preprocess=false"));
    }
}
