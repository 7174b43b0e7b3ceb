package dev.ductus.data;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.data.io.Utf8Text;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the IAM handwriting database's line level: {@code ascii/lines.txt}, one line per text line,
 * {@code a01-000u-00 ok 154 19 408 746 1661 89 A|MOVE|to|stop}: id, segmentation result ({@code ok} or
 * {@code err}), gray level, component count, bounding box, and the transcription with {@code |} between words,
 * and the image {@code lines/a01/a01-000u/a01-000u-00.png}. Lines flagged {@code err} (the word segmentation
 * of the line failed; the line image and text are still right) are kept unless asked otherwise, and counted.
 * A split is chosen by a file listing line (or form) ids: {@code <split>.txt} in the root, {@code splits/} or
 * {@code task/}, or the IAM task names {@code trainset.txt}, {@code validationset1.txt}, {@code testset.txt}.
 * Every line skipped is a warning {@code lines.txt:N: why} (and so is a split id that matches no line); the
 * warnings are both in the dataset and logged ({@link DatasetWarnings}).
 */
public final class IamReader {
    private IamReader() {
    }

    public static ListDataset read(Path root, String split, ImageLoader loader, boolean skipErr) {
        Path lines = linesFile(root);
        if (lines == null) throw new InputException(root.toString(), "no IAM ascii/lines.txt");
        List<String> warnings = new ArrayList<>();
        SplitFile wanted = splitIds(root, split, warnings);
        Set<String> matched = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        int err = 0;
        for (Utf8Text.Line line : Utf8Text.lines(lines, warnings)) {
            String t = line.text();
            if (t.isBlank() || t.startsWith("#")) continue;
            String where = lines + ":" + line.number();
            String[] f = t.trim().split(" +", 9);
            // before the checks: a malformed line is warned about once, not again as a split id without a line
            boolean inSplit = wanted == null || matches(wanted.ids().keySet(), f[0], matched);
            if (f.length < 9) {
                warnings.add(where + ": expected 9 fields (id, ok|err, gray level, components, x, y, w, h, text); skipped");
                continue;
            }
            String id = f[0];
            if (!f[1].equals("ok") && !f[1].equals("err")) {
                warnings.add(where + ": segmentation flag '" + f[1] + "' is neither ok nor err; skipped");
                continue;
            }
            if (!isNumeric(f, 2, 8)) {
                warnings.add(where + ": gray level, components and box must be integers; skipped");
                continue;
            }
            if (!inSplit) continue;
            if (f[1].equals("err")) {
                err++;
                if (skipErr) continue;
            }
            String text = decode(f[8]);
            if (text.isBlank()) {
                warnings.add(where + ": empty transcription; skipped");
                continue;
            }
            Path image = imagePath(root, id);
            if (image == null) {
                warnings.add(where + ": no image for " + id + " under lines/; skipped");
                continue;
            }
            samples.add(new Sample(id, text, image.toString(), LazyImage.of(loader, image)));
        }
        if (wanted != null) {
            wanted.ids().forEach((id, number) -> {
                if (!matched.contains(id)) {
                    warnings.add(wanted.file() + ":" + number + ": " + id + " matches no line of " + lines + "; skipped");
                }
            });
        }
        if (err > 0) warnings.add(lines + ": " + err + " lines flagged err " + (skipErr ? "skipped" : "kept"));
        if (samples.isEmpty()) {
            throw new InputException(lines.toString(), "no usable lines" + (split == null ? "" : " for split " + split)
                    + (warnings.isEmpty() ? "" : "; first problem: " + warnings.get(0)));
        }
        return DatasetWarnings.logged(new ListDataset("iam", split, samples, warnings), lines);
    }

    public static boolean looksLikeIam(Path root) {
        return Files.isDirectory(root) && linesFile(root) != null;
    }

    static Path linesFile(Path root) {
        for (Path p : List.of(root.resolve("ascii").resolve("lines.txt"), root.resolve("lines.txt"))) {
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /** {@code |} is IAM's word separator; the XML entities occasionally found in exports are resolved too. */
    static String decode(String transcription) {
        return transcription.trim().replace('|', ' ').replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replaceAll(" +", " ").trim();
    }

    private static boolean isNumeric(String[] f, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!f[i].matches("-?\\d+")) return false;
        }
        return true;
    }

    /** The line's image, or null when there is none or the id cannot name a file under lines/ (/, \\, NUL, ..). */
    static Path imagePath(Path root, String id) {
        String[] parts = id.split("-");
        if (parts.length < 3) return null;
        if (id.indexOf('/') >= 0 || id.indexOf('\\') >= 0 || id.indexOf('\0') >= 0 || parts[0].equals("..") || parts[0].equals(".")) {
            return null;
        }
        try {
            Path folder = root.resolve("lines").resolve(parts[0]).resolve(parts[0] + "-" + parts[1]);
            for (String suffix : List.of(".png", ".tif", ".jpg")) {
                Path p = folder.resolve(id + suffix);
                if (Files.isRegularFile(p)) return p;
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return null;
    }

    /** Whether the line is in the split, by its own id or its form's; the split id that matched is recorded. */
    private static boolean matches(Set<String> wanted, String lineId, Set<String> matched) {
        int dash = lineId.lastIndexOf('-');
        String id = wanted.contains(lineId) ? lineId : dash > 0 ? lineId.substring(0, dash) : null;
        if (id == null || !wanted.contains(id)) return false;
        matched.add(id);
        return true;
    }

    /** The ids a split file lists, each with the line it is on. */
    private record SplitFile(Path file, Map<String, Integer> ids) {
    }

    private static SplitFile splitIds(Path root, String split, List<String> warnings) {
        if (split == null || split.isEmpty() || split.equals("all")) return null;
        List<String> names = switch (split) {
            case "train" -> List.of("train.txt", "trainset.txt");
            case "validation" -> List.of("validation.txt", "validationset1.txt", "valid.txt", "val.txt");
            case "test" -> List.of("test.txt", "testset.txt");
            default -> List.of(split + ".txt");
        };
        for (Path dir : List.of(root, root.resolve("splits"), root.resolve("task"))) {
            for (String name : names) {
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file)) continue;
                Map<String, Integer> ids = new LinkedHashMap<>();
                for (Utf8Text.Line l : Utf8Text.lines(file, warnings)) {
                    String id = l.text().trim();
                    if (!id.isEmpty() && !id.startsWith("#")) ids.putIfAbsent(id.split("\\s+")[0], l.number());
                }
                return new SplitFile(file, ids);
            }
        }
        warnings.add(root + ": no split file for '" + split + "' (e.g. splits/" + split + ".txt); using all lines");
        return null;
    }
}
