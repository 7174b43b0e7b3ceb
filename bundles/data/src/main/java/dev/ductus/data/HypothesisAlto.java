package dev.ductus.data;

import dev.ductus.api.Box;
import dev.ductus.api.decode.Hypothesis;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A recognition result as ALTO XML (v4, what libraries and eScriptorium exchange): one TextBlock, one TextLine per
 * recognised line with its box in the page (the whole image for a line image), its words as {@code String}
 * elements with their word confidence {@code WC} (the mean of their characters' confidences) and {@code SP} between
 * them, and where the line was placed on the image ({@link HypothesisLayout}) each word's box on it as
 * {@code HPOS VPOS WIDTH HEIGHT}.
 */
public final class HypothesisAlto {
    public static final String NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#";

    private HypothesisAlto() {
    }

    /** The ALTO document as a string (no trailing newline). */
    public static String xml(String imageFileName, int imageWidth, int imageHeight, Hypothesis h) {
        String[] texts = h.text().split("\n", -1);
        List<Box> boxes = h.lines();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(NAMESPACE);
            w.writeStartElement(NAMESPACE, "alto");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeCharacters("\n  ");
            w.writeStartElement(NAMESPACE, "Description");
            text(w, "MeasurementUnit", "pixel");
            w.writeStartElement(NAMESPACE, "sourceImageInformation");
            text(w, "fileName", imageFileName);
            w.writeEndElement();
            w.writeStartElement(NAMESPACE, "OCRProcessing");
            w.writeAttribute("ID", "ocr1");
            w.writeStartElement(NAMESPACE, "ocrProcessingStep");
            text(w, "processingDateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            w.writeStartElement(NAMESPACE, "processingSoftware");
            text(w, "softwareName", "Ductus");
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeCharacters("\n  ");
            w.writeStartElement(NAMESPACE, "Layout");
            w.writeStartElement(NAMESPACE, "Page");
            w.writeAttribute("ID", "p1");
            w.writeAttribute("PHYSICAL_IMG_NR", "1");
            w.writeAttribute("WIDTH", Integer.toString(imageWidth));
            w.writeAttribute("HEIGHT", Integer.toString(imageHeight));
            w.writeStartElement(NAMESPACE, "PrintSpace");
            box(w, new Box(0, 0, imageWidth, imageHeight));
            w.writeStartElement(NAMESPACE, "TextBlock");
            w.writeAttribute("ID", "b1");
            for (int i = 0; i < texts.length; i++) {
                Box b = i < boxes.size() ? boxes.get(i) : new Box(0, 0, imageWidth, imageHeight);
                w.writeCharacters("\n        ");
                w.writeStartElement(NAMESPACE, "TextLine");
                w.writeAttribute("ID", "l" + (i + 1));
                box(w, b);
                List<HypothesisLayout.Word> words = HypothesisLayout.words(h, i, texts[i]);
                for (int k = 0; k < words.size(); k++) {
                    if (k > 0) w.writeEmptyElement(NAMESPACE, "SP");
                    w.writeEmptyElement(NAMESPACE, "String");
                    w.writeAttribute("ID", "l" + (i + 1) + "w" + (k + 1));
                    w.writeAttribute("CONTENT", words.get(k).text());
                    if (words.get(k).box() != null) box(w, words.get(k).box());
                    double c = words.get(k).confidence();
                    if (!Double.isNaN(c)) w.writeAttribute("WC", String.format(Locale.ROOT, "%.4f", Math.max(0, Math.min(1, c))));
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n      ");
            w.writeEndElement(); // TextBlock
            w.writeEndElement(); // PrintSpace
            w.writeEndElement(); // Page
            w.writeEndElement(); // Layout
            w.writeCharacters("\n");
            w.writeEndElement(); // alto
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write ALTO: " + e.getMessage(), e);
        }
        return bytes.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    private static void box(XMLStreamWriter w, Box b) throws XMLStreamException {
        w.writeAttribute("HPOS", Integer.toString(b.x()));
        w.writeAttribute("VPOS", Integer.toString(b.y()));
        w.writeAttribute("WIDTH", Integer.toString(b.width()));
        w.writeAttribute("HEIGHT", Integer.toString(b.height()));
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(NAMESPACE, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
