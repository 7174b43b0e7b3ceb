package dev.ductus.data;

import dev.ductus.api.Box;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recognition result as PAGE XML (2019): one TextLine per recognised line with its box in the page (the whole
 * image for a line image) and its mean character confidence. What {@code recognize --format page} and the web
 * API's {@code ?format=page} answer.
 */
public final class HypothesisPage {
    private HypothesisPage() {
    }

    /** The lines of the hypothesis, with ids l1, l2, ... */
    public static List<PageLine> lines(Hypothesis h, int imageWidth, int imageHeight) {
        String[] texts = h.text().split("\n", -1);
        List<Box> boxes = h.lines();
        List<PageLine> lines = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            Box box = i < boxes.size() ? boxes.get(i) : new Box(0, 0, imageWidth, imageHeight);
            final int line = i;
            double confidence = h.characters().stream().filter(c -> c.line() == line)
                    .mapToDouble(CharSpan::confidence).average().orElse(Double.NaN);
            lines.add(PageLine.recognized("l" + (i + 1), box, -1, texts[i], confidence));
        }
        return lines;
    }

    /** The PAGE document as a string (no trailing newline). */
    public static String xml(String imageFileName, int imageWidth, int imageHeight, Hypothesis h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PageXmlWriter.writeTo(out, imageFileName, imageWidth, imageHeight, lines(h, imageWidth, imageHeight));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8).stripTrailing();
    }
}
