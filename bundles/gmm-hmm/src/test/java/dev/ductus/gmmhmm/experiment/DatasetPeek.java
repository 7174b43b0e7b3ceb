package dev.ductus.gmmhmm.experiment;

import dev.ductus.api.Notes;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.testsupport.EmbeddedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Prints sizes and geometry of a few preprocessed lines and writes them as PNG: {@code DatasetPeek cursive 5 /tmp/peek}. */
public final class DatasetPeek {
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "cursive";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path out = Path.of(args.length > 2 ? args[2] : "/tmp/ductus-peek");
        Files.createDirectories(out);
        Dataset ds = EmbeddedData.provider(DatasetSize.SMALL).open(name, "train");
        Preprocessor pre = EmbeddedData.preprocessor(args.length > 3 ? args[3] : "default");
        System.out.println(ds.name() + "/" + ds.split() + ": " + ds.size() + " samples, warnings " + ds.warnings().size());
        long chars = 0;
        for (Sample s : ds.samples()) chars += s.text().length();
        System.out.println("mean text length " + (double) chars / ds.size());
        for (int i = 0; i < n; i++) {
            Sample s = ds.samples().get(i);
            GrayImage raw = s.loadImage();
            long t0 = System.nanoTime();
            Notes notes = new Notes();
            GrayImage img = pre.process(raw, notes);
            System.out.printf("%s '%s' raw %dx%d -> %dx%d %s (%.1f ms) %s%n", s.id(), s.text(), raw.width(), raw.height(),
                    img.width(), img.height(), img.geometry(), (System.nanoTime() - t0) / 1e6, notes);
            write(img, out.resolve(s.id() + ".png"));
            write(raw, out.resolve(s.id() + ".raw.png"));
        }
    }

    static void write(GrayImage img, Path file) throws Exception {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) b.getRaster().setSample(x, y, 0, Math.round(255 * img.get(x, y)));
        }
        ImageIO.write(b, "png", file.toFile());
    }
}
