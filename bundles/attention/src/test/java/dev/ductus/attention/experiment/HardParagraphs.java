package dev.ductus.attention.experiment;

import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Builds the paragraph subsets where line segmentation is hard, from a paragraph split in the line-folder layout
 * (ID.png, ID.gt.txt, ID.lines.tsv with the line ink boxes), as line folders {@code compare --data DIR} reads:
 * <ul>
 * <li>{@code skewed/}: every page rotated by 2-4 degrees (either way), so a horizontal projection profile blurs
 * neighbouring lines together;</li>
 * <li>{@code touching/}: every page re-stacked from its line boxes with the next line starting at 80 % of the
 * previous line's ink height, so descenders and ascenders of neighbouring lines overlap (darker ink wins).</li>
 * </ul>
 * Usage (test classpath): {@code HardParagraphs ~/.cache/ductus/datasets/paragraphs-small-g2/test OUT_DIR [seed]}.
 */
public final class HardParagraphs {
    private HardParagraphs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: HardParagraphs PARAGRAPH_SPLIT_DIR OUT_DIR [seed]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        SplittableRandom rnd = new SplittableRandom(args.length > 2 ? Long.parseLong(args[2]) : 1);
        Files.createDirectories(out.resolve("skewed"));
        Files.createDirectories(out.resolve("touching"));
        List<Path> pages;
        try (var s = Files.list(in)) {
            pages = s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
        int n = 0;
        for (Path png : pages) {
            String id = png.getFileName().toString().replaceFirst("\\.png$", "");
            Path gt = in.resolve(id + ".gt.txt");
            Path boxes = in.resolve(id + ".lines.tsv");
            if (!Files.isRegularFile(gt) || !Files.isRegularFile(boxes)) continue;
            BufferedImage page = ImageIO.read(png.toFile());
            String text = Files.readString(gt, StandardCharsets.UTF_8);
            double degrees = (2 + 2 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
            ImageIO.write(rotate(page, Math.toRadians(degrees)), "png", out.resolve("skewed/" + id + ".png").toFile());
            Files.writeString(out.resolve("skewed/" + id + ".gt.txt"), text, StandardCharsets.UTF_8);
            ImageIO.write(touching(page, readBoxes(boxes)), "png", out.resolve("touching/" + id + ".png").toFile());
            Files.writeString(out.resolve("touching/" + id + ".gt.txt"), text, StandardCharsets.UTF_8);
            n++;
        }
        System.out.println("wrote " + n + " skewed and " + n + " touching pages under " + out);
    }

    private static List<int[]> readBoxes(Path tsv) throws IOException {
        List<int[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            out.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])});
        }
        return out;
    }

    private static BufferedImage rotate(BufferedImage src, double angle) {
        double sin = Math.abs(Math.sin(angle));
        double cos = Math.abs(Math.cos(angle));
        int w = (int) Math.ceil(src.getWidth() * cos + src.getHeight() * sin);
        int h = (int) Math.ceil(src.getHeight() * cos + src.getWidth() * sin);
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var g = dst.createGraphics();
        g.setColor(new java.awt.Color(paper(src)));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(w / 2.0, h / 2.0);
        t.rotate(angle);
        t.translate(-src.getWidth() / 2.0, -src.getHeight() / 2.0);
        g.drawImage(src, t, null);
        g.dispose();
        return dst;
    }

    /** The page re-stacked from its line boxes at 80 % of each line's ink height: neighbouring lines touch. */
    private static BufferedImage touching(BufferedImage src, List<int[]> boxes) {
        int margin = 20;
        int w = src.getWidth();
        int y = margin;
        int[] tops = new int[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            tops[i] = y;
            y += (int) Math.round(0.8 * boxes.get(i)[3]);
        }
        int h = y + (boxes.isEmpty() ? 0 : boxes.get(boxes.size() - 1)[3]) + margin;
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int paper = paper(src) & 0xff;
        for (int yy = 0; yy < h; yy++) for (int x = 0; x < w; x++) dst.getRaster().setSample(x, yy, 0, paper);
        for (int i = 0; i < boxes.size(); i++) {
            int[] b = boxes.get(i);
            for (int yy = 0; yy < b[3]; yy++) {
                for (int x = 0; x < b[2]; x++) {
                    int sx = b[0] + x;
                    int sy = b[1] + yy;
                    int dx = b[0] + x;
                    int dy = tops[i] + yy;
                    if (sx >= src.getWidth() || sy >= src.getHeight() || dx >= w || dy >= h) continue;
                    int v = src.getRaster().getSample(sx, sy, 0);
                    if (src.getRaster().getNumBands() > 1) v = (src.getRGB(sx, sy) >> 8) & 0xff;
                    int old = dst.getRaster().getSample(dx, dy, 0);
                    dst.getRaster().setSample(dx, dy, 0, Math.min(old, v));
                }
            }
        }
        return dst;
    }

    /** The paper's grey: the brightest common value of the page's border row. */
    private static int paper(BufferedImage src) {
        int best = 0;
        for (int x = 0; x < src.getWidth(); x++) best = Math.max(best, (src.getRGB(x, 0) >> 8) & 0xff);
        return (best << 16) | (best << 8) | best;
    }
}
