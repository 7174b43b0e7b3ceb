package dev.ductus.data.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Writes a header claiming {@code declared} items but the bytes of only {@code written}. */
    private void write(String prefix, int declared, int written) throws Exception {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(2051);
            out.writeInt(declared);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < written; i++) {
                byte[] img = new byte[784];
                img[i % 784] = (byte) 200;
                out.write(img);
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(2049);
            out.writeInt(declared);
            for (int i = 0; i < written; i++) out.writeByte(i % 10);
        }
    }

    @Test
    void readsOnlyTheFirstFiveThousandTestImages() throws Exception {
        write("train", 50, 50);
        write("t10k", 10_000, MnistSplits.T10K_READABLE);
        MnistSplits splits = MnistSplits.load(dir);
        DigitImages test = splits.images("test");
        assertEquals(MnistSplits.T10K_READABLE, test.count());
        assertEquals(7, test.label(4997));
        assertEquals(200 / 255f, test.ink(4999, 4999 % 784 % 28, 4999 % 784 / 28), 1e-6f);
        assertEquals(0, splits.from("train"));
        assertEquals(45, splits.to("train"));
        assertEquals(45, splits.from("validation"));
        assertEquals(50, splits.to("validation"));
        assertEquals(MnistSplits.T10K_READABLE, splits.to("test"));
    }

    @Test
    void badFilesNameThemselves() throws Exception {
        write("train", 50, 40);
        InputException truncated = assertThrows(InputException.class, () -> IdxReader.read(
                dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), 50));
        assertTrue(truncated.getMessage().contains("train-images-idx3-ubyte") && truncated.getMessage().contains("truncated"));
        InputException magic = assertThrows(InputException.class, () -> IdxReader.read(
                dir.resolve("train-labels-idx1-ubyte"), dir.resolve("train-labels-idx1-ubyte"), 5));
        assertTrue(magic.getMessage().contains("not an IDX image file"), magic.getMessage());
    }

    @Test
    void digitStringsAreThreeToTwelveDigitsWithSpacesOnlyBetweenThem() throws Exception {
        write("train", 100, 100);
        DigitImages images = IdxReader.read(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), 100);
        DigitStringRenderer renderer = new DigitStringRenderer(images, 10, 20);
        for (int seed = 0; seed < 40; seed++) {
            DigitStringRenderer.DigitLine line = renderer.render(new java.util.SplittableRandom(seed), false);
            assertTrue(line.text().matches("[0-9]+( [0-9]+)*"), line.text());
            int digits = line.text().replace(" ", "").length();
            assertTrue(digits >= 3 && digits <= 12);
            for (int i : line.indices()) assertTrue(i >= 10 && i < 20);
            assertEquals(line.width() * line.height(), line.gray().length);
        }
    }
}
