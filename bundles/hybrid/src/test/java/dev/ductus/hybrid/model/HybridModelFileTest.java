package dev.ductus.hybrid.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hybrid.TestModels;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.io.NetworkFile;
import dev.ductus.testsupport.RenderedLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class HybridModelFileTest {
    @TempDir
    Path dir;

    static final String SPEC = TestModels.SPEC;

    @Test
    void roundTripsEverythingTheDecoderAndTheScalingNeed() throws Exception {
        HybridModel m = TestModels.model(HybridModel.MLP_HMM, "window=1,dense=8:relu", 3, Map.of("train.data", "x/train"));
        Path file = dir.resolve("m.model");
        HybridModelFile.write(file, m);
        HybridModel r = HybridModelFile.read(file);
        assertEquals(m.system(), r.system());
        assertEquals(m.alphabet(), r.alphabet());
        assertArrayEquals(m.hmms().stateCounts(), r.hmms().stateCounts());
        assertArrayEquals(m.hmms().logSelfArray(), r.hmms().logSelfArray());
        assertArrayEquals(m.hmms().logNextArray(), r.hmms().logNextArray());
        assertArrayEquals(m.hmms().logSkipArray(), r.hmms().logSkipArray());
        assertArrayEquals(m.priors().values(), r.priors().values(), 1e-15);
        assertArrayEquals(m.normalizer().mean(), r.normalizer().mean());
        assertArrayEquals(m.normalizer().std(), r.normalizer().std());
        assertEquals(0.7, r.priorExponent());
        assertEquals(SPEC, r.featureSpec());
        assertEquals("x/train", r.facts().get("train.data"));
        assertEquals(m.network().spec(), r.network().spec());

        var image = RenderedLines.render("abc", 18, 0);
        FrameScores a = m.score(image);
        FrameScores b = r.score(image);
        assertArrayEquals(a.scores(), b.scores(), 1e-5f);
        assertEquals(m.info().parameters(), r.info().parameters());
        assertEquals(HybridModel.MLP_HMM, r.info().system());
    }

    @Test
    void badFilesAreInputErrorsNamingTheFile() throws Exception {
        Path file = dir.resolve("m.model");
        HybridModelFile.write(file, TestModels.model(HybridModel.RNN_HMM, "blstm=4", 1, Map.of()));
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.model"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InputException e = assertThrows(InputException.class, () -> HybridModelFile.read(truncated));
        assertTrue(e.getMessage().contains("truncated.model"), e.getMessage());

        // a network file of another system (no hybrid header)
        Path other = dir.resolve("ctc.model");
        Network net = new NetworkBuilder(DataType.FLOAT, 1).build(new Shape(1, 3), ModelSpec.parse("dense=4"));
        NetworkFile.write(other, Map.of("ctc.system", "blstm-ctc"), net, null);
        e = assertThrows(InputException.class, () -> HybridModelFile.read(other));
        assertTrue(e.getMessage().contains("not a hybrid HMM model"), e.getMessage());

        e = assertThrows(InputException.class, () -> HybridModelFile.read(dir.resolve("missing.model")));
        assertTrue(e.getMessage().contains("missing.model"), e.getMessage());
    }

    @Test
    void framesOfAnotherFeatureSpecAreRefused() {
        HybridModel m = TestModels.model(HybridModel.MLP_HMM, "window=0,dense=4:relu", 1, Map.of());
        var features = dev.ductus.features.spec.WindowFeatureExtractor.of("handcrafted:w=3,s=2,deltas=0")
                .extract(RenderedLines.render("ab", 18, 0));
        InputException e = assertThrows(InputException.class, () -> m.score(features, 40, m.defaultScaling()));
        assertTrue(e.getMessage().contains(SPEC), e.getMessage());
    }
}
