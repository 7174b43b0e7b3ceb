package dev.ductus.data.embedded;

import dev.ductus.data.mnist.MnistSplits;
import dev.ductus.data.synth.FontCatalog;
import dev.ductus.data.synth.HandwritingFont;
import dev.ductus.data.text.Corpus;
import dev.ductus.data.text.CorpusSplits;
import java.awt.Font;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Real but small raw material for the generator tests, made without the network or the cache: the JDK's
 * logical fonts as five "writers", documents of pseudo-English text (enough for every split), and MNIST-format
 * IDX files whose t10k part holds only the first 5,000 images while its header claims 10,000, so reading one
 * byte of the reserved part would fail.
 */
public final class FixtureDataSources implements DataSources {
    static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from "
            + "at which but have an they you were her she there been one all we their has would when if so no will "
            + "Congress people nation whale ship sea captain government year States law peace war, trade. public! "
            + "\"great\" (new) 1790 42 can't well-known treaty; power: Ishmael").split(" ");

    private final Path mnistFolder;

    public FixtureDataSources(Path workFolder) {
        this.mnistFolder = workFolder.resolve("mnist");
        try {
            writeIdx(mnistFolder.resolve("train-images-idx3-ubyte"), mnistFolder.resolve("train-labels-idx1-ubyte"), 200, 200);
            writeIdx(mnistFolder.resolve("t10k-images-idx3-ubyte"), mnistFolder.resolve("t10k-labels-idx1-ubyte"),
                    10_000, MnistSplits.T10K_READABLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public FontCatalog fonts() {
        Map<String, List<HandwritingFont>> fonts = new LinkedHashMap<>();
        fonts.put("train", List.of(new HandwritingFont("serif", new Font(Font.SERIF, Font.PLAIN, 10)),
                new HandwritingFont("sans", new Font(Font.SANS_SERIF, Font.PLAIN, 10)),
                new HandwritingFont("serif-italic", new Font(Font.SERIF, Font.ITALIC, 10))));
        fonts.put("validation", List.of(new HandwritingFont("mono", new Font(Font.MONOSPACED, Font.PLAIN, 10))));
        fonts.put("test", List.of(new HandwritingFont("sans-bold-italic", new Font(Font.SANS_SERIF, Font.BOLD | Font.ITALIC, 10))));
        return new FontCatalog(fonts);
    }

    @Override
    public List<Corpus.Document> documents() {
        List<Corpus.Document> docs = new ArrayList<>();
        Map<String, Integer> perSplit = new LinkedHashMap<>();
        for (int d = 0; perSplit.size() < 3 || perSplit.values().stream().anyMatch(n -> n < 2); d++) {
            String name = "fixture/doc_" + d + ".txt";
            perSplit.merge(CorpusSplits.splitOf(name), 1, Integer::sum);
            SplittableRandom r = new SplittableRandom(d);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 600; w++) text.append(WORDS[r.nextInt(WORDS.length)]).append(w % 17 == 16 ? "\n\n" : " ");
            docs.add(new Corpus.Document(name, text.toString()));
        }
        return docs;
    }

    @Override
    public MnistSplits mnist() {
        return MnistSplits.load(mnistFolder);
    }

    @Override
    public String describe() {
        return "test fixtures";
    }

    /** Digit-like strokes: a bar whose position depends on the label, plus a label-dependent blob. */
    static void writeIdx(Path images, Path labels, int declared, int written) throws IOException {
        Files.createDirectories(images.getParent());
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(images)))) {
            out.writeInt(2051);
            out.writeInt(declared);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < written; i++) out.write(digit(i % 10));
        }
        try (OutputStream raw = Files.newOutputStream(labels); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(2049);
            out.writeInt(declared);
            for (int i = 0; i < written; i++) out.writeByte(i % 10);
        }
    }

    private static byte[] digit(int label) {
        byte[] p = new byte[28 * 28];
        for (int y = 4; y < 24; y++) {
            for (int x = 10 + label / 3; x < 14 + label / 2; x++) p[y * 28 + x] = (byte) 255;
        }
        for (int y = 4 + label; y < 8 + label; y++) {
            for (int x = 8; x < 20; x++) p[y * 28 + x] = (byte) 200;
        }
        return p;
    }
}
