package dev.ductus.hmm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.LineHmm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentFileTest {
    @TempDir
    Path dir;

    private List<Alignment> alignments(GmmHmm model) {
        List<Alignment> out = new ArrayList<>();
        for (SyntheticLines.Sampled s : SyntheticLines.sample(model, 5, 9)) {
            LineHmm line = LineHmm.of(model.hmms(), s.line().labels());
            double[] em = model.lineLogLikelihoods(s.line().features().data(), s.line().frames(), line);
            out.add(ViterbiAligner.align(s.line().id(), line, em, s.line().frames()));
        }
        return out;
    }

    @Test
    void roundTrip() throws Exception {
        GmmHmm model = SyntheticLines.trueModel();
        List<Alignment> written = alignments(model);
        Path file = dir.resolve("train.align.tsv");
        AlignmentFile.write(file, model.hmms(), written);
        AlignmentFile.Contents read = AlignmentFile.read(file);
        assertEquals(model.hmms().alphabet(), read.alphabet());
        assertArrayEquals(model.hmms().stateCounts(), read.stateCounts());
        assertEquals(written.size(), read.entries().size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i).id(), read.entries().get(i).id());
            assertArrayEquals(written.get(i).globalStates(), read.entries().get(i).states());
        }
    }

    @Test
    void badStateNamesFileAndLine() throws Exception {
        GmmHmm model = SyntheticLines.trueModel();
        Path file = dir.resolve("bad.tsv");
        AlignmentFile.write(file, model.hmms(), alignments(model).subList(0, 2));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(4, "line1\t2\t0 999");
        Files.write(file, lines);
        InputException e = assertThrows(InputException.class, () -> AlignmentFile.read(file));
        assertTrue(e.getMessage().contains("bad.tsv:5"), e.getMessage());
        assertTrue(e.getMessage().contains("999"), e.getMessage());
    }

    @Test
    void notAnAlignmentFile() throws Exception {
        Path file = dir.resolve("other.txt");
        Files.writeString(file, "hello\n");
        InputException e = assertThrows(InputException.class, () -> AlignmentFile.read(file));
        assertTrue(e.getMessage().contains("other.txt"));
    }
}
