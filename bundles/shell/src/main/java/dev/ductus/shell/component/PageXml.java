package dev.ductus.shell.component;

import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.data.HypothesisPage;
import dev.ductus.shell.cli.RecognizeVerb;

/**
 * {@code recognize --format page}: the hypothesis as PAGE XML (2019), one TextLine per recognised line with its
 * box in the page (the whole image for a line image), its mean character confidence, its Baseline and its Words and
 * Glyphs with Coords on the image ({@link dev.ductus.data.HypothesisPage}).
 */
final class PageXml implements RecognizeVerb.PageWriter {
    private PageXml() {
    }

    static RecognizeVerb.PageWriter writerIfAvailable() {
        return new PageXml();
    }

    @Override
    public String pageXml(String imageFileName, GrayImage image, Hypothesis h) {
        return HypothesisPage.xml(imageFileName, image.width(), image.height(), h);
    }
}
