package dev.ductus.data;

import dev.ductus.api.InputException;
import dev.ductus.api.image.ImageLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Opens a dataset path by what it holds: an IAM root ({@code ascii/lines.txt}), a PAGE XML file or folder of
 * them, a folder with {@code train/ validation/ test/} line folders (as the embedded datasets are written), or
 * a plain line folder (flat or nested).
 */
public final class DatasetFormats {
    private DatasetFormats() {
    }

    public static ListDataset open(Path path, String split, ImageLoader loader) {
        if (!Files.exists(path)) throw new InputException(path.toString(), "no such file or folder");
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (Files.isRegularFile(path)) {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) return PageXmlReader.read(path, loader);
            throw new InputException(path.toString(), "not a dataset: expected a folder or a PAGE .xml file");
        }
        if (IamReader.looksLikeIam(path)) return IamReader.read(path, split, loader, false);
        if (split != null && !split.isEmpty() && Files.isDirectory(path.resolve(split)) && hasTranscriptions(path.resolve(split))) {
            return LineFolderReader.read(path.resolve(split), true, loader, name, split);
        }
        if (hasTranscriptions(path)) return LineFolderReader.read(path, true, loader, name, split);
        if (PageXmlReader.looksLikePage(path)) return PageXmlReader.read(path, loader);
        throw new InputException(path.toString(), "no dataset found: expected ID.png + ID.gt.txt files, "
                + "an IAM root with ascii/lines.txt, or PAGE XML files");
    }

    private static boolean hasTranscriptions(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".gt.txt"));
        } catch (IOException e) {
            throw new InputException(folder.toString(), "cannot list: " + e.getMessage(), e);
        }
    }
}
