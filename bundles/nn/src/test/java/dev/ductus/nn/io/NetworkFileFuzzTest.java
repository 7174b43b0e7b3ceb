package dev.ductus.nn.io;

import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.testfuzz.Checksums;
import dev.ductus.testfuzz.Mutations;
import dev.ductus.testfuzz.ReaderFuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Fuzzes {@link NetworkFile} (the file format of every neural model: CTC, CRNN, MDLSTM, hybrid) with mutations
 * of two tiny valid files, a model and a checkpoint with its Adam state; half the inputs get their CRC-32
 * recomputed after the mutation, so the header, the model string and the parameters behind the checksum are
 * reached too. Every input reads (header and network) or is refused with an InputException naming the file,
 * within 5 s and 256 MB of heap ({@link ReaderFuzz}). 10,000 inputs in CI, with a fixed seed; a longer run:
 * <pre>
 * mvn -B -ntp -o install -pl bundles/nn -Dtest=NetworkFileFuzzTest -Dductus.fuzz.tries=1000000
 * </pre>
 */
class NetworkFileFuzzTest {
    private static final Path DIR = tempDir();
    private static final ReaderFuzz FUZZ = new ReaderFuzz("NetworkFile");
    private static final byte[] MODEL = seed(false);
    private static final byte[] CHECKPOINT = seed(true);

    private static final List<String> TOKENS = List.of("conv=", "pool=", "blstm=", "dense=", "lstm=", "mdlstm=", "columns", "norm",
            ",", ":", "x", "0", "9", "99999", "2147483647", "-1", "nn.spec", "nn.input.height");

    @Test
    void read() {
        FUZZ.campaign("read", 20261230, DIR.resolve("model.dnn"), rnd -> {
            boolean checkpoint = rnd.nextBoolean();
            boolean fixChecksum = rnd.nextBoolean();
            byte[] bytes = Mutations.random(checkpoint ? CHECKPOINT : MODEL, rnd, TOKENS);
            return fixChecksum ? Checksums.fixTrailingCrc32(bytes) : bytes;
        }, file -> {
            NetworkFile.readHeader(file);
            NetworkFile.read(file, DataType.FLOAT, new Adam());
        });
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println(FUZZ.summary());
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static byte[] seed(boolean checkpoint) {
        try {
            Network net = new NetworkBuilder(DataType.FLOAT, 3).build(new Shape(8, 1),
                    ModelSpec.parse("conv=2:3x3,pool=2x2,blstm=2,dense=3"));
            Adam adam = null;
            if (checkpoint) {
                adam = new Adam();
                for (Param p : net.params()) p.grad().fill(0, p.size(), 0.1);
                adam.step(net.params(), 0.01);
            }
            Path file = DIR.resolve("seed.dnn");
            NetworkFile.write(file, Map.of("system", "test", "alphabet", "61 62"), net, adam);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("nn-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
