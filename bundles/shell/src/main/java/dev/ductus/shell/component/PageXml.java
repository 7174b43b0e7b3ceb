package dev.ductus.shell.component;

import dev.ductus.api.Box;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.data.PageLine;
import dev.ductus.data.PageXmlWriter;
import dev.ductus.shell.cli.RecognizeVerb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code recognize --format page}: the hypothesis as PAGE XML (2019), one TextLine per recognised line with its
 * box in the page (the whole image for a line image) and its mean character confidence.
 */
final class PageXml implements RecognizeVerb.PageWriter {
    private PageXml() {
    }

    static RecognizeVerb.PageWriter writerIfAvailable() {
        return new PageXml();
    }

    @Override
    public String pageXml(String imageFileName, GrayImage image, Hypothesis h) {
        String[] texts = h.text().split("\n", -1);
        List<Box> boxes = h.lines();
        List<PageLine> lines = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            Box box = i < boxes.size() ? boxes.get(i) : new Box(0, 0, image.width(), image.height());
            final int line = i;
            double confidence = h.characters().stream().filter(c -> c.line() == line)
                    .mapToDouble(dev.ductus.api.decode.CharSpan::confidence).average().orElse(Double.NaN);
            lines.add(PageLine.recognized("l" + (i + 1), box, -1, texts[i], confidence));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PageXmlWriter.writeTo(out, imageFileName, image.width(), image.height(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8).stripTrailing();
    }
}
