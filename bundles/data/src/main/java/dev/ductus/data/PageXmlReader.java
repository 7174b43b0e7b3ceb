package dev.ductus.data;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads PAGE XML (2013-07-15 and 2019-07-15 schemas, as Transkribus and eScriptorium export them) into line
 * samples: each TextLine's image is the page cropped to its Coords polygon (pixels outside the polygon made
 * white), its text the TextLine's TextEquiv/Unicode. The page image is {@code Page/@imageFilename} next to the
 * XML (or one folder up, where Transkribus keeps its {@code page/} folder). Bad XML, an unknown namespace or a
 * missing page image fail with the file and line; a TextLine without Coords or text is skipped with a warning.
 * A point beyond {@link PageXmlParser#MAX_COORDINATE} pixels refuses the file, naming the XML line and TextLine.
 */
public final class PageXmlReader {
    public static final String NAMESPACE_2013 = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15";
    public static final String NAMESPACE_2019 = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";
    static final Set<String> NAMESPACES = Set.of(NAMESPACE_2013, NAMESPACE_2019);

    private PageXmlReader() {
    }

    /** Parses one PAGE file without touching its image; skipped lines are described in {@code warnings}. */
    public static PageDocument parse(Path xml, List<String> warnings) {
        return PageXmlParser.parse(xml, warnings);
    }

    /** The file's lines with Coords, transcribed or not (the segmentation a recognizer fills in). */
    public static PageDocument parseSegmentation(Path xml, List<String> warnings) {
        return PageXmlParser.parse(xml, warnings, true);
    }

    /** Where the page image of a parsed file is: next to the XML, or in its parent folder; null if not found. */
    public static Path imageOf(PageDocument page) {
        return locateImage(page);
    }

    /**
     * The page image cropped to a line's outline; pixels outside it become paper white. Its pixel map places it on
     * the page.
     */
    public static GrayImage lineImage(GrayImage page, PageLine line, String source) {
        return crop(page, line.outline(), source);
    }

    /** Line samples of a PAGE file, or of every {@code .xml} file in a folder (recursively). */
    public static ListDataset read(Path fileOrFolder, ImageLoader loader) {
        List<Path> files = xmlFiles(fileOrFolder);
        List<String> warnings = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (Path xml : files) {
            PageDocument page = parse(xml, warnings);
            Path image = locateImage(page);
            if (image == null) {
                throw new InputException(xml.toString(), "page image '" + page.imageFilename() + "' not found next to the XML");
            }
            LazyImage pageImage = LazyImage.of(loader, image);
            String stem = stem(fileOrFolder, xml);
            for (PageLine line : page.lines()) {
                String id = stem + "/" + line.id();
                String source = xml + ":" + line.sourceLine() + "#" + line.id();
                samples.add(new Sample(id, line.text(), source, new LineCrop(pageImage, line.outline(), source)));
            }
        }
        if (samples.isEmpty()) {
            throw new InputException(fileOrFolder.toString(), "no usable TextLine"
                    + (warnings.isEmpty() ? "" : "; first problem: " + warnings.get(0)));
        }
        return DatasetWarnings.logged(new ListDataset("page", "", samples, warnings), fileOrFolder);
    }

    public static boolean looksLikePage(Path fileOrFolder) {
        try {
            return !xmlFiles(fileOrFolder).isEmpty();
        } catch (InputException e) {
            return false;
        }
    }

    static List<Path> xmlFiles(Path fileOrFolder) {
        if (Files.isRegularFile(fileOrFolder)) return List.of(fileOrFolder);
        if (!Files.isDirectory(fileOrFolder)) throw new InputException(fileOrFolder.toString(), "no such file or folder");
        try (Stream<Path> walk = Files.walk(fileOrFolder)) {
            return walk.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InputException(fileOrFolder.toString(), "cannot list: " + e.getMessage(), e);
        }
    }

    private static String stem(Path root, Path xml) {
        Path rel = Files.isDirectory(root) ? root.relativize(xml) : xml.getFileName();
        String s = rel.toString().replace('\\', '/');
        return s.substring(0, s.length() - 4);
    }

    static Path locateImage(PageDocument page) {
        Path folder = page.xml().toAbsolutePath().getParent();
        String name = page.imageFilename();
        String base = Path.of(name).getFileName().toString();
        for (Path candidate : List.of(folder.resolve(name), folder.resolve(base), folder.getParent() == null
                ? folder.resolve(base) : folder.getParent().resolve(base))) {
            if (Files.isRegularFile(candidate)) return candidate.normalize();
        }
        return null;
    }

    /** The page image cropped to a line polygon; pixels outside the polygon become paper white. */
    static GrayImage crop(GrayImage page, int[] polygon, String source) {
        Box box = PageLine.boxOf(polygon);
        int x0 = Math.max(0, box.x());
        int y0 = Math.max(0, box.y());
        int x1 = Math.min(page.width(), box.right());
        int y1 = Math.min(page.height(), box.bottom());
        if (x1 <= x0 || y1 <= y0) throw new InputException(source, "line polygon lies outside the page image " + page.width() + "x" + page.height());
        int w = x1 - x0;
        int h = y1 - y0;
        // Fill plus outline: the pixels whose centres are inside and those the boundary passes through,
        // so a rectangle with inclusive corners keeps all its rows and columns.
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        Polygon p = new Polygon();
        for (int i = 0; i < polygon.length; i += 2) p.addPoint(polygon[i] - x0, polygon[i + 1] - y0);
        g.setColor(Color.WHITE);
        g.fillPolygon(p);
        g.drawPolygon(p);
        g.dispose();
        byte[] inside = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = inside[y * w + x] != 0 ? page.get(x0 + x, y0 + y) : 1f;
            }
        }
        // the line's pixels sit at (x0, y0) of the page: recognised positions map back onto the page image
        return new GrayImage(w, h, out, null, source, page.pixelMap().translate(x0, y0));
    }

    private record LineCrop(LazyImage page, int[] polygon, String source) implements Supplier<GrayImage> {
        @Override
        public GrayImage get() {
            return crop(page.get(), polygon, source);
        }
    }
}
