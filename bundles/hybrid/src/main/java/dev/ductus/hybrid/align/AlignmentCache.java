package dev.ductus.hybrid.align;

import dev.ductus.api.InputException;
import dev.ductus.api.model.HmmStructure;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.AlignmentFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forced alignments kept with the data they align: {@code FOLDER/.alignments/SPLIT-KEY.align} in the
 * hmm bundle's {@link AlignmentFile} text format, where FOLDER holds the split's line images and KEY is the
 * {@link AlignmentKey} of GMM-HMM, preprocessing and lines. When the images have no folder (generated data)
 * or it cannot be written, the alignment goes to a fallback folder instead. Reading checks that the file's
 * HMM layout is the model's, and a corrupt file counts as absent (it is recomputed and rewritten).
 */
public final class AlignmentCache {
    private static final System.Logger LOG = System.getLogger(AlignmentCache.class.getName());
    /** The folder inside a dataset split that holds its alignments (hidden, so dataset readers skip it). */
    public static final String FOLDER = ".alignments";

    private final Path fallback;

    /** @param fallback where alignments go when they cannot be stored with the data */
    public AlignmentCache(Path fallback) {
        this.fallback = fallback;
    }

    /** The default fallback: {@code ~/.cache/ductus/alignments}. */
    public static Path defaultFallback() {
        return Path.of(System.getProperty("user.home"), ".cache", "ductus", "alignments");
    }

    /**
     * Where the alignment of these lines is kept.
     *
     * @param imageSource the source of one of the split's samples (an image path), or null
     */
    public Path location(String imageSource, String split, String key) {
        String file = safe(split) + "-" + key + ".align";
        Path folder = dataFolder(imageSource);
        if (folder != null && (Files.isWritable(folder) || Files.isDirectory(folder.resolve(FOLDER)))) {
            return folder.resolve(FOLDER).resolve(file);
        }
        return fallback.resolve(file);
    }

    private static Path dataFolder(String imageSource) {
        if (imageSource == null || imageSource.isBlank()) return null;
        try {
            Path p = Path.of(imageSource);
            return Files.isRegularFile(p) && p.getParent() != null ? p.getParent() : null;
        } catch (RuntimeException e) {
            return null; // a source that is no path (e.g. "page.xml#line3")
        }
    }

    private static String safe(String s) {
        return s == null || s.isBlank() ? "data" : s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * The cached state sequences by line id, or null when there is no usable file (missing, corrupt, or made
     * for another HMM layout).
     */
    public Map<String, int[]> read(Path file, HmmStructure hmm) {
        if (!Files.isRegularFile(file)) return null;
        AlignmentFile.Contents c;
        try {
            c = AlignmentFile.read(file);
        } catch (InputException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring the unreadable alignment cache {0}", e.getMessage());
            return null;
        }
        int[] counts = new int[hmm.alphabet().size()];
        for (int i = 0; i < counts.length; i++) counts[i] = hmm.stateCount(i);
        if (!c.alphabet().equals(hmm.alphabet()) || !Arrays.equals(c.stateCounts(), counts)) {
            LOG.log(System.Logger.Level.WARNING, "ignoring {0}: made for another HMM layout", file);
            return null;
        }
        Map<String, int[]> out = new HashMap<>();
        for (AlignmentFile.Entry e : c.entries()) out.put(e.id(), e.states());
        return out;
    }

    /**
     * Writes the alignments atomically; when {@code file} cannot be written, the same name in the fallback
     * folder is used.
     *
     * @return the file written
     */
    public Path write(Path file, HmmStructure hmm, List<Alignment> alignments) throws IOException {
        try {
            AlignmentFile.write(file, hmm, alignments);
            return file;
        } catch (IOException e) {
            Path alt = fallback.resolve(file.getFileName());
            if (alt.equals(file)) throw e;
            LOG.log(System.Logger.Level.WARNING, "cannot write {0} ({1}); using {2}", file, e.getMessage(), alt);
            AlignmentFile.write(alt, hmm, alignments);
            return alt;
        }
    }
}
