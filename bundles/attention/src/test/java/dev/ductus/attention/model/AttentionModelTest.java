package dev.ductus.attention.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.model.Alphabet;
import dev.ductus.attention.decode.AttentionBeamSearch;
import dev.ductus.attention.nn.AttentionDecoder;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.nn.io.NetworkFile;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.testsupport.SyntheticLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class AttentionModelTest {
    @TempDir
    Path dir;

    private static AttentionModel model() {
        Alphabet alphabet = new Alphabet(List.of("a", "b", "c", " "));
        var input = new PixelSetup(SyntheticLines.HEIGHT).fit(List.of());
        Network net = new NetworkBuilder(DataType.FLOAT, 3).build(input.shape(),
                ModelSpec.parse("conv=4:3x3,pool=2x2,blstm=6,dense=5"));
        AttentionDecoder dec = new AttentionDecoder(DataType.FLOAT, AttentionDecoder.Dims.parse("4:8:6:2:3", 12, 5));
        dec.initialize(new SplittableRandom(4));
        return new AttentionModel(alphabet, input.spec(), net, dec, Map.of("epochs", "3"));
    }

    private static EncodedLine line(String text) {
        return new PixelSetup(SyntheticLines.HEIGHT).fit(List.of()).encode(SyntheticLines.render(text, 0));
    }

    @Test
    void aWrittenModelReadsBackAndRecognisesTheSame() throws Exception {
        AttentionModel m = model();
        Path f = dir.resolve("a.model");
        m.write(f, null, Map.of());
        assertTrue(AttentionModel.isAttentionModel(f));
        AttentionModel back = AttentionModel.read(f, null, null);
        assertEquals(m.alphabet(), back.alphabet());
        assertEquals(m.inputSpec(), back.inputSpec());
        assertEquals("3", back.facts().get("epochs"));
        assertEquals(m.info().parameters(), back.info().parameters());
        for (int i = 0; i < m.decoder().params().size(); i++) {
            Param a = m.decoder().params().get(i);
            Param b = back.decoder().params().get(i);
            assertArrayEquals(a.value().toFloats(a.size()), b.value().toFloats(b.size()), a.name());
        }
        AttentionBeamSearch beam = new AttentionBeamSearch(AttentionBeamSearch.Settings.defaults());
        List<EncodedLine> lines = List.of(line("abc"), line("ca b"));
        List<Hypothesis> h1 = m.recognize(lines, beam, null);
        List<Hypothesis> h2 = back.recognize(lines, beam, null);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(h1.get(i).text(), h2.get(i).text());
            assertEquals(h1.get(i).logScore(), h2.get(i).logScore(), 1e-9);
        }
        // a line alone reads as in a batch
        assertEquals(h1.get(1).text(), m.recognize(List.of(lines.get(1)), beam, null).get(0).text());
    }

    @Test
    void aCheckpointKeepsTheOptimizerState() throws Exception {
        AttentionModel m = model();
        Adam adam = new Adam();
        List<Param> all = new java.util.ArrayList<>(m.encoder().params());
        all.addAll(m.decoder().params());
        for (Param p : all) p.grad().fill(0, p.size(), 0.01);
        adam.step(all, 1e-3);
        Path f = dir.resolve("a.ckpt");
        m.write(f, adam, Map.of("train.epoch", "2"));
        Adam restored = new Adam();
        Map<String, String> extra = new LinkedHashMap<>();
        AttentionModel back = AttentionModel.read(f, restored, extra);
        assertEquals("2", extra.get("train.epoch"));
        assertEquals(1, restored.steps());
        Param last = back.decoder().params().get(back.decoder().params().size() - 1);
        assertTrue(restored.state(last).get(0).get(0) != 0, "the decoder's moments are restored too");
    }

    @Test
    void damagedAndHostileFilesAreRefusedNamingTheFile() throws Exception {
        AttentionModel m = model();
        Path f = dir.resolve("a.model");
        m.write(f, null, Map.of());
        byte[] bytes = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.model");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InputException e = assertThrows(InputException.class, () -> AttentionModel.read(cut, null, null));
        assertTrue(e.getMessage().contains("cut.model"), e.getMessage());
        // a header asking for a decoder far larger than the file: refused before anything is allocated
        Map<String, String> header = new LinkedHashMap<>(NetworkFile.readHeader(f));
        header.put("attention.decoder", "4:100000:6:2:3");
        Path big = dir.resolve("big.model");
        NetworkFile.write(big, header.entrySet().stream().filter(x -> !x.getKey().startsWith("nn."))
                .collect(LinkedHashMap::new, (mm, x) -> mm.put(x.getKey(), x.getValue()), Map::putAll), m.encoder(), m.decoder().params(), null);
        InputException hostile = assertThrows(InputException.class, () -> AttentionModel.read(big, null, null));
        assertTrue(hostile.getMessage().contains("big.model") && hostile.getMessage().contains("parameters"), hostile.getMessage());
        // a CTC model is not an attention model
        Path ctc = dir.resolve("ctc.model");
        new dev.ductus.ctc.model.CtcModel("crnn", m.alphabet(), m.inputSpec(), null, null, m.encoder(), Map.of()).write(ctc, null, Map.of());
        assertFalse(AttentionModel.isAttentionModel(ctc));
        InputException notAtt = assertThrows(InputException.class, () -> AttentionModel.read(ctc, null, null));
        assertTrue(notAtt.getMessage().contains("not an attention model"), notAtt.getMessage());
    }
}
