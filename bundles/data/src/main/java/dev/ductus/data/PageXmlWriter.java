package dev.ductus.data;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.Box;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes recognised (or ground-truth) lines as PAGE XML, 2019-07-15 schema: one TextRegion around all lines,
 * and per line a TextLine with Coords, Baseline when known, its Words when known (each with Coords, its Glyphs
 * with Coords and TextEquiv, and its own TextEquiv) and TextEquiv/Unicode, in the schema's order; a TextEquiv has
 * {@code conf} when the confidence is known. Transkribus and eScriptorium import it; {@link PageXmlReader} reads it back.
 */
public final class PageXmlWriter {
    public static final String NAMESPACE = PageXmlReader.NAMESPACE_2019;

    private PageXmlWriter() {
    }

    public static void write(Path xml, String imageFilename, int imageWidth, int imageHeight, List<PageLine> lines)
            throws IOException {
        AtomicFiles.write(xml, out -> writeTo(out, imageFilename, imageWidth, imageHeight, lines));
    }

    public static void writeTo(OutputStream out, String imageFilename, int width, int height, List<PageLine> lines)
            throws IOException {
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(NAMESPACE);
            w.writeStartElement(NAMESPACE, "PcGts");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeCharacters("\n  ");
            w.writeStartElement(NAMESPACE, "Metadata");
            element(w, "Creator", "Ductus");
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            element(w, "Created", now);
            element(w, "LastChange", now);
            w.writeEndElement();
            w.writeCharacters("\n  ");
            w.writeStartElement(NAMESPACE, "Page");
            w.writeAttribute("imageFilename", imageFilename);
            w.writeAttribute("imageWidth", Integer.toString(width));
            w.writeAttribute("imageHeight", Integer.toString(height));
            if (!lines.isEmpty()) {
                w.writeCharacters("\n    ");
                w.writeStartElement(NAMESPACE, "TextRegion");
                w.writeAttribute("id", "r1");
                w.writeCharacters("\n      ");
                w.writeEmptyElement(NAMESPACE, "Coords");
                w.writeAttribute("points", points(new PageLine("r", null, union(lines), null, "", Double.NaN, 0).outline()));
                int n = 0;
                for (PageLine line : lines) {
                    n++;
                    w.writeCharacters("\n      ");
                    w.writeStartElement(NAMESPACE, "TextLine");
                    w.writeAttribute("id", line.id() == null || line.id().isEmpty() ? "l" + n : line.id());
                    w.writeCharacters("\n        ");
                    w.writeEmptyElement(NAMESPACE, "Coords");
                    w.writeAttribute("points", points(line.outline()));
                    if (line.baseline() != null) {
                        w.writeCharacters("\n        ");
                        w.writeEmptyElement(NAMESPACE, "Baseline");
                        w.writeAttribute("points", points(line.baseline()));
                    }
                    for (PageLine.Word word : line.words()) {
                        w.writeCharacters("\n        ");
                        w.writeStartElement(NAMESPACE, "Word");
                        w.writeAttribute("id", word.id());
                        w.writeCharacters("\n          ");
                        w.writeEmptyElement(NAMESPACE, "Coords");
                        w.writeAttribute("points", points(word.polygon()));
                        for (PageLine.Word glyph : word.glyphs()) {
                            w.writeCharacters("\n          ");
                            w.writeStartElement(NAMESPACE, "Glyph");
                            w.writeAttribute("id", glyph.id());
                            w.writeEmptyElement(NAMESPACE, "Coords");
                            w.writeAttribute("points", points(glyph.polygon()));
                            textEquiv(w, glyph.text(), glyph.confidence());
                            w.writeEndElement();
                        }
                        w.writeCharacters("\n          ");
                        textEquiv(w, word.text(), word.confidence());
                        w.writeCharacters("\n        ");
                        w.writeEndElement();
                    }
                    w.writeCharacters("\n        ");
                    textEquiv(w, line.text(), line.confidence());
                    w.writeCharacters("\n      ");
                    w.writeEndElement();
                }
                w.writeCharacters("\n    ");
                w.writeEndElement();
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write PAGE XML: " + e.getMessage(), e);
        }
    }

    private static void textEquiv(XMLStreamWriter w, String text, double confidence) throws XMLStreamException {
        w.writeStartElement(NAMESPACE, "TextEquiv");
        if (!Double.isNaN(confidence)) {
            w.writeAttribute("conf", String.format(Locale.ROOT, "%.4f", Math.max(0, Math.min(1, confidence))));
        }
        element(w, "Unicode", text);
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(NAMESPACE, name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    static String points(int[] flat) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < flat.length; i += 2) {
            if (i > 0) sb.append(' ');
            sb.append(flat[i]).append(',').append(flat[i + 1]);
        }
        return sb.toString();
    }

    private static Box union(List<PageLine> lines) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, maxY = Integer.MIN_VALUE;
        for (PageLine l : lines) {
            Box b = l.polygon() != null ? PageLine.boxOf(l.polygon()) : l.box();
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.right());
            maxY = Math.max(maxY, b.bottom());
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }
}
