package dev.ductus.data.sheet;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import dev.ductus.data.io.GrayPng;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A contact sheet of a line folder: the first {@code count} images (by id), each scaled to at most
 * {@code maxWidth} wide, with its id and transcription printed underneath in a plain font and, for paragraphs,
 * its line boxes outlined: one PNG to look at a dataset with.
 */
public final class ContactSheet {
    private static final int LABEL = 18;

    private ContactSheet() {
    }

    /** @return how many samples the sheet shows */
    public static int write(Path folder, Path output, int count, int maxWidth) throws IOException {
        List<Path> images = images(folder, count);
        if (images.isEmpty()) throw new InputException(folder.toString(), "no .png images with .gt.txt to show");
        List<BufferedImage> tiles = new ArrayList<>();
        int width = 0;
        int height = 0;
        for (Path png : images) {
            BufferedImage tile = tile(png, maxWidth);
            tiles.add(tile);
            width = Math.max(width, tile.getWidth());
            height += tile.getHeight();
        }
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage tile : tiles) {
            g.drawImage(tile, 0, y, null);
            y += tile.getHeight();
        }
        g.dispose();
        byte[] png = GrayPng.encode(sheet);
        AtomicFiles.write(output, out -> out.write(png));
        return tiles.size();
    }

    static List<Path> images(Path folder, int count) throws IOException {
        if (!Files.isDirectory(folder)) throw new InputException(folder.toString(), "not a folder");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".png"))
                    .filter(p -> Files.isRegularFile(sibling(p, ".gt.txt")))
                    .sorted().limit(count).toList();
        }
    }

    private static Path sibling(Path png, String suffix) {
        String name = png.getFileName().toString();
        return png.resolveSibling(name.substring(0, name.length() - 4) + suffix);
    }

    private static BufferedImage tile(Path png, int maxWidth) throws IOException {
        int[] size = new int[2];
        float[] gray = GrayPng.readGray(png, size);
        double scale = Math.min(1.0, (double) maxWidth / size[0]);
        int w = Math.max(1, (int) Math.round(size[0] * scale));
        int h = Math.max(1, (int) Math.round(size[1] * scale));
        String text = Files.readString(sibling(png, ".gt.txt"), StandardCharsets.UTF_8).strip();
        String[] lines = text.split("\n");
        String id = png.getFileName().toString().replace(".png", "");
        int labelHeight = LABEL * (lines.length + 1) + 6;
        BufferedImage tile = new BufferedImage(Math.max(w, 400), h + labelHeight + 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tile.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, tile.getWidth(), tile.getHeight());
        g.drawImage(GrayPng.toImage(size[0], size[1], gray), 0, 0, w, h, null);
        Path boxes = sibling(png, ".lines.tsv");
        if (Files.isRegularFile(boxes)) {
            g.setColor(new Color(220, 60, 60));
            g.setStroke(new BasicStroke(1f));
            for (String row : Files.readAllLines(boxes, StandardCharsets.UTF_8)) {
                if (row.startsWith("#") || row.isBlank()) continue;
                String[] f = row.split("\t");
                g.drawRect((int) (Integer.parseInt(f[0]) * scale), (int) (Integer.parseInt(f[1]) * scale),
                        (int) (Integer.parseInt(f[2]) * scale), (int) (Integer.parseInt(f[3]) * scale));
            }
        }
        g.setColor(new Color(30, 60, 160));
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
        int y = h + LABEL;
        g.drawString(id, 4, y);
        g.setColor(Color.BLACK);
        for (String line : lines) {
            y += LABEL;
            g.drawString(line, 4, y);
        }
        g.setColor(new Color(180, 180, 180));
        g.drawLine(0, tile.getHeight() - 2, tile.getWidth(), tile.getHeight() - 2);
        g.dispose();
        return tile;
    }
}
