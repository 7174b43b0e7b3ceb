package dev.ductus.lm.model;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import dev.ductus.lm.arpa.ArpaReader;
import dev.ductus.lm.arpa.ArpaWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Loads a model from an ARPA (optionally gzipped) or binary file, told apart by content; saves by file name. */
public final class ModelFiles {
    private ModelFiles() {
    }

    public static NgramModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new InputException(file.toString(), "no such model file");
        return BinaryModelFile.isBinary(file) ? BinaryModelFile.read(file) : ArpaReader.read(file);
    }

    /** Writes ARPA for names ending in .arpa (gzipped for .arpa.gz or .gz), the binary form otherwise. */
    public static void save(NgramModel model, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".gz")) {
            AtomicFiles.write(file, out -> {
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
                ArpaWriter.write(model, gz);
                gz.finish();
            });
        } else if (name.endsWith(".arpa")) {
            ArpaWriter.write(model, file);
        } else {
            BinaryModelFile.write(model, file);
        }
    }
}
