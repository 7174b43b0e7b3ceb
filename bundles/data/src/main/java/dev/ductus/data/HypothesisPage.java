package dev.ductus.data;

import dev.ductus.api.Box;
import dev.ductus.api.decode.Hypothesis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recognition result as PAGE XML (2019): one TextLine per recognised line with its box in the page (the whole
 * image for a line image), its mean character confidence, and where the line was placed on the image
 * ({@link HypothesisLayout}) its Baseline and its Words with their Glyphs, each with Coords on the image and a
 * TextEquiv with its confidence. What {@code recognize --format page} and the web API's {@code ?format=page}
 * answer.
 */
public final class HypothesisPage {
    private HypothesisPage() {
    }

    /** The lines of the hypothesis, with ids l1, l2, ... */
    public static List<PageLine> lines(Hypothesis h, int imageWidth, int imageHeight) {
        List<Box> boxes = h.lines();
        List<PageLine> lines = new ArrayList<>();
        for (HypothesisLayout.Line l : HypothesisLayout.lines(h)) {
            int i = l.index();
            Box box = i < boxes.size() ? boxes.get(i) : new Box(0, 0, imageWidth, imageHeight);
            String id = "l" + (i + 1);
            PageLine line = PageLine.recognized(id, box, -1, l.text(), l.confidence());
            if (l.baseline() != null) line = line.withBaseline(HypothesisLayout.pagePoints(l.baseline(), imageWidth, imageHeight));
            List<PageLine.Word> words = new ArrayList<>();
            for (HypothesisLayout.Word w : l.words()) {
                if (w.polygon() == null) continue;
                String wordId = id + "_w" + (words.size() + 1);
                List<PageLine.Word> glyphs = new ArrayList<>();
                for (HypothesisLayout.Glyph g : w.glyphs()) {
                    glyphs.add(new PageLine.Word(wordId + "_g" + (glyphs.size() + 1),
                            HypothesisLayout.pagePoints(g.polygon(), imageWidth, imageHeight), g.span().symbol(),
                            g.span().confidence(), List.of()));
                }
                words.add(new PageLine.Word(wordId, HypothesisLayout.pagePoints(w.polygon(), imageWidth, imageHeight),
                        w.text(), w.confidence(), glyphs));
            }
            lines.add(line.withWords(words));
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
