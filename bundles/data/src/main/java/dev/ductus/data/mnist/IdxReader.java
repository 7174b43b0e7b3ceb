package dev.ductus.data.mnist;

import dev.ductus.api.InputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads IDX files (big-endian header: magic 2051 for images with count, rows, cols; 2049 for labels with
 * count), and only the bytes of the first {@code limit} items: the rest of the file is never read, which is
 * how the reserved t10k images 5000-9999 stay unseen.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    private IdxReader() {
    }

    public static DigitImages read(Path images, Path labels, int limit) {
        int[] shape = new int[3];
        byte[] pixels;
        byte[] labelBytes;
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) throw new InputException(images.toString(), "not an IDX image file (magic " + magic + ")");
            shape[0] = in.readInt();
            shape[1] = in.readInt();
            shape[2] = in.readInt();
            if (shape[0] < 0 || shape[1] <= 0 || shape[2] <= 0 || shape[1] > 1024 || shape[2] > 1024) {
                throw new InputException(images.toString(), "bad IDX shape " + shape[0] + "x" + shape[1] + "x" + shape[2]);
            }
            int n = Math.min(limit, shape[0]);
            long bytes = (long) n * shape[1] * shape[2];
            long held = Files.size(images) - 16;
            if (bytes > held || bytes > Integer.MAX_VALUE - 8) {
                throw new InputException(images.toString(), "truncated IDX file: declares " + shape[0] + " images of " + shape[1] + "x" + shape[2]
                        + " (" + bytes + " bytes for the " + n + " read) but holds " + held + " bytes of pixels");
            }
            pixels = new byte[(int) bytes];
            in.readFully(pixels);
        } catch (EOFException e) {
            throw new InputException(images.toString(), "truncated IDX file", e);
        } catch (IOException e) {
            throw new InputException(images.toString(), "cannot read: " + e.getMessage(), e);
        }
        int n = Math.min(limit, shape[0]);
        try (DataInputStream in = open(labels)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) throw new InputException(labels.toString(), "not an IDX label file (magic " + magic + ")");
            int count = in.readInt();
            if (count != shape[0]) {
                throw new InputException(labels.toString(), count + " labels for " + shape[0] + " images in " + images.getFileName());
            }
            if (n > Files.size(labels) - 8) {
                throw new InputException(labels.toString(), "truncated IDX file: declares " + count + " labels but holds " + (Files.size(labels) - 8) + " bytes of them");
            }
            labelBytes = new byte[n];
            in.readFully(labelBytes);
        } catch (EOFException e) {
            throw new InputException(labels.toString(), "truncated IDX file", e);
        } catch (IOException e) {
            throw new InputException(labels.toString(), "cannot read: " + e.getMessage(), e);
        }
        for (int i = 0; i < n; i++) {
            if (labelBytes[i] < 0 || labelBytes[i] > 9) {
                throw new InputException(labels.toString(), "label " + labelBytes[i] + " at index " + i + " is not a digit");
            }
        }
        return new DigitImages(images.getFileName().toString(), 0, n, shape[1], shape[2], pixels, labelBytes);
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new InputException(file.toString(), "missing IDX file");
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }
}
