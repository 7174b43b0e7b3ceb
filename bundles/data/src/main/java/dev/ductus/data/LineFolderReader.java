package dev.ductus.data;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.data.io.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the line-folder convention of tesstrain, Calamari and Kraken: {@code ID.png} (or .jpg, .tif, .bmp)
 * with {@code ID.gt.txt}, the UTF-8 transcription (paragraphs: one line per text line), and optionally
 * {@code ID.lines.tsv} ({@code x y width height text} per line) with the line boxes of a paragraph.
 * A sample with a missing image, an image without transcription, an empty transcription or a transcription
 * that is not UTF-8 is skipped with a warning naming the file (and line: {@code ID.gt.txt:2: why}); the
 * warnings are both in the dataset and logged ({@link DatasetWarnings}).
 */
public final class LineFolderReader {
    static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp");
    private static final String GT = ".gt.txt";

    private LineFolderReader() {
    }

    /**
     * @param recursive whether to look into subfolders (ids then carry the relative path, e.g. {@code a01/l3})
     */
    public static ListDataset read(Path folder, boolean recursive, ImageLoader loader, String name, String split) {
        if (!Files.isDirectory(folder)) throw new InputException(folder.toString(), "not a folder");
        List<Path> files;
        try (Stream<Path> walk = recursive ? Files.walk(folder) : Files.list(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InputException(folder.toString(), "cannot list: " + e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        Set<Path> used = new HashSet<>();
        for (Path gt : files) {
            String fileName = gt.getFileName().toString();
            if (!fileName.endsWith(GT)) continue;
            String base = fileName.substring(0, fileName.length() - GT.length());
            Path image = findImage(gt.resolveSibling(base));
            if (image == null) {
                warnings.add(gt + ": no image " + base + ".png (or .jpg/.tif/.bmp) next to it; skipped");
                continue;
            }
            used.add(image);
            List<String> problems = new ArrayList<>();
            List<Utf8Text.Line> lines = Utf8Text.lines(gt, problems);
            if (!problems.isEmpty()) {
                problems.forEach(p -> warnings.add(p + "; skipped"));
                continue;
            }
            String text = transcription(lines);
            if (text.isBlank()) {
                warnings.add(gt + ":1: empty transcription; skipped");
                continue;
            }
            String id = folder.relativize(gt.resolveSibling(base)).toString().replace('\\', '/');
            List<Box> boxes = lineBoxes(gt.resolveSibling(base + ".lines.tsv"), warnings);
            samples.add(new Sample(id, text, image.toString(), LazyImage.of(loader, image), boxes));
        }
        for (Path f : files) {
            String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (IMAGE_SUFFIXES.stream().anyMatch(n::endsWith) && !used.contains(f)) {
                warnings.add(f + ": image without a .gt.txt transcription; skipped");
            }
        }
        if (samples.isEmpty()) {
            throw new InputException(folder.toString(), "no samples (ID.png + ID.gt.txt)"
                    + (warnings.isEmpty() ? "" : "; " + warnings.size() + " skipped, first: " + warnings.get(0)));
        }
        return DatasetWarnings.logged(new ListDataset(name, split, samples, warnings), folder);
    }

    /** Lines joined by "\n", trailing empty lines and surrounding spaces of each line removed. */
    static String transcription(List<Utf8Text.Line> lines) {
        List<String> kept = new ArrayList<>();
        for (Utf8Text.Line l : lines) kept.add(l.text().strip());
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) kept.remove(kept.size() - 1);
        while (!kept.isEmpty() && kept.get(0).isEmpty()) kept.remove(0);
        return String.join("\n", kept);
    }

    static Path findImage(Path withoutSuffix) {
        for (String suffix : IMAGE_SUFFIXES) {
            Path p = withoutSuffix.resolveSibling(withoutSuffix.getFileName() + suffix);
            if (Files.isRegularFile(p)) return p;
            Path upper = withoutSuffix.resolveSibling(withoutSuffix.getFileName() + suffix.toUpperCase(java.util.Locale.ROOT));
            if (Files.isRegularFile(upper)) return upper;
        }
        return null;
    }

    private static List<Box> lineBoxes(Path tsv, List<String> warnings) {
        if (!Files.isRegularFile(tsv)) return List.of();
        List<Box> boxes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Utf8Text.Line line : Utf8Text.lines(tsv, problems)) {
            String t = line.text();
            if (t.isBlank() || t.startsWith("#")) continue;
            String[] f = t.split("\t");
            try {
                boxes.add(new Box(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                        Integer.parseInt(f[2].trim()), Integer.parseInt(f[3].trim())));
            } catch (RuntimeException e) {
                problems.add(tsv + ":" + line.number() + ": expected x, y, width, height");
            }
        }
        if (!problems.isEmpty()) {
            warnings.add(problems.get(0) + (problems.size() == 1 ? "" : " (and " + (problems.size() - 1)
                    + " more bad lines)") + "; line boxes ignored");
            return List.of();
        }
        return boxes;
    }
}
