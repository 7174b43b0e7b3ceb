package dev.ductus.data.io;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict UTF-8 reading: a byte sequence that is not UTF-8 is reported with the file and line it is on instead
 * of being silently replaced, since a transcription with replacement characters would train a model on garbage.
 */
public final class Utf8Text {
    /** One decoded line and its 1-based number. */
    public record Line(int number, String text) {
    }

    private Utf8Text() {
    }

    /** The whole file; a leading byte-order mark is dropped and CRLF becomes LF. */
    public static String read(Path file) {
        byte[] bytes = bytes(file);
        List<String> bad = new ArrayList<>();
        List<Line> lines = decodeLines(bytes, file, bad);
        if (!bad.isEmpty()) {
            String first = bad.get(0);
            int colon = first.indexOf(": ", file.toString().length());
            throw new InputException(first.substring(0, colon), first.substring(colon + 2));
        }
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            if (l.number() > 1) sb.append('\n');
            sb.append(l.text());
        }
        return sb.toString();
    }

    /** The lines of the file; a line that is not UTF-8 is left out and described in {@code warnings}. */
    public static List<Line> lines(Path file, List<String> warnings) {
        return decodeLines(bytes(file), file, warnings);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "missing file", e);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static List<Line> decodeLines(byte[] bytes, Path file, List<String> warnings) {
        List<Line> lines = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        int number = 1;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                try {
                    String text = decoder.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
                    if (i < bytes.length || end > start) lines.add(new Line(number, text));
                } catch (CharacterCodingException e) {
                    warnings.add(file + ":" + number + ": not valid UTF-8 (bad byte at column " + column(bytes, start, end) + ")");
                }
                start = i + 1;
                number++;
            }
        }
        return lines;
    }

    private static int column(byte[] bytes, int start, int end) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(end - start + 1);
        d.decode(in, out, true);
        return out.position() + 1;
    }
}
