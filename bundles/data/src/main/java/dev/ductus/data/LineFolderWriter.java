package dev.ductus.data;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.ImageLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes samples as a line folder ({@code ID.png + ID.gt.txt}, plus {@code ID.lines.tsv} when a sample has
 * line boxes), each file atomically; {@link LineFolderReader} reads it back to the same samples.
 */
public final class LineFolderWriter {
    private LineFolderWriter() {
    }

    public static void write(List<Sample> samples, Path folder, ImageLoader loader) {
        for (Sample s : samples) {
            String id = s.id();
            if (id.isEmpty() || id.startsWith("/") || id.contains("..") || id.contains("\\")) {
                throw new InputException(id, "sample id cannot be used as a file name");
            }
            Path base = folder.resolve(id);
            try {
                loader.writePng(s.loadImage(), base.resolveSibling(base.getFileName() + ".png"));
                AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".gt.txt"), s.text() + "\n");
                if (!s.lineBoxes().isEmpty()) {
                    String[] texts = s.text().split("\n", -1);
                    StringBuilder tsv = new StringBuilder("# x\ty\twidth\theight\ttext\n");
                    for (int i = 0; i < s.lineBoxes().size(); i++) {
                        Box b = s.lineBoxes().get(i);
                        tsv.append(b.x()).append('\t').append(b.y()).append('\t').append(b.width()).append('\t')
                                .append(b.height()).append('\t').append(i < texts.length ? texts[i] : "").append('\n');
                    }
                    AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".lines.tsv"), tsv.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + base, e);
            }
        }
    }
}
