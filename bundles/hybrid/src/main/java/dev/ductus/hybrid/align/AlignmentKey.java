package dev.ductus.hybrid.align;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a forced alignment depends on, hashed: the bytes of the GMM-HMM model file (its states, mixtures and
 * feature spec), the preprocessing the lines went through, and every line's id and transcription. A change
 * to any of them gives another key, so a stale alignment is never read; the same model and data always find
 * their alignment again.
 */
public final class AlignmentKey {
    private AlignmentKey() {
    }

    /** One line of the aligned data. */
    public record Line(String id, String text) {
    }

    /** SHA-256 of the model file's bytes, in hex. */
    public static String modelDigest(Path gmmModel) {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(gmmModel)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new InputException(gmmModel.toString(), "cannot read the GMM-HMM model: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * @param modelDigest   {@link #modelDigest} of the GMM-HMM
     * @param preprocessing what the images went through (a chain name or description)
     * @return 16 hex digits (64 bits of the SHA-256)
     */
    public static String of(String modelDigest, String preprocessing, List<Line> lines) {
        MessageDigest md = sha256();
        update(md, "ductus-alignment-key 1");
        update(md, modelDigest);
        update(md, preprocessing);
        for (Line l : lines) {
            update(md, l.id());
            update(md, l.text());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static void update(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((byte) (b.length >>> 24));
        md.update((byte) (b.length >>> 16));
        md.update((byte) (b.length >>> 8));
        md.update((byte) b.length);
        md.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java runtime", e);
        }
    }
}
