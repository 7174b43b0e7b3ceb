package dev.ductus.data;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams a PAGE XML file (SAX, so every problem can name its line) into a {@link PageDocument}. Only a
 * TextLine's own TextEquiv counts (not those of its Words or Glyphs); of several, the lowest {@code index}.
 * DTDs and external entities are refused.
 */
final class PageXmlParser extends DefaultHandler {
    /** The largest coordinate accepted, in pixels: 1000000 is a page over 80 m wide at 300 dpi. */
    static final int MAX_COORDINATE = 1_000_000;
    private final Path xml;
    private final List<String> warnings;
    private final List<PageLine> lines = new ArrayList<>();
    private final Deque<String> path = new ArrayDeque<>();
    private Locator locator;
    private String namespace;
    private String imageFilename;
    private int width;
    private int height;
    // State of the TextLine being read.
    private String lineId;
    private int lineStart;
    private int[] coords;
    private int[] baseline;
    private String text;
    private int textIndex;
    private StringBuilder unicode;
    private int equivIndex;

    private final boolean untranscribed;

    private PageXmlParser(Path xml, List<String> warnings, boolean untranscribed) {
        this.xml = xml;
        this.warnings = warnings;
        this.untranscribed = untranscribed;
    }

    static PageDocument parse(Path xml, List<String> warnings) {
        return parse(xml, warnings, false);
    }

    /** @param untranscribed keep lines without a transcription (the lines to recognise), with empty text */
    static PageDocument parse(Path xml, List<String> warnings, boolean untranscribed) {
        PageXmlParser handler = new PageXmlParser(xml, warnings, untranscribed);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser parser = factory.newSAXParser();
            if (!Files.isRegularFile(xml)) throw new InputException(xml.toString(), "missing PAGE XML file");
            parser.parse(xml.toFile(), handler);
        } catch (SAXParseException e) {
            throw new InputException(xml + ":" + e.getLineNumber(), "malformed XML: " + e.getMessage(), e);
        } catch (SAXException e) {
            if (e.getException() instanceof InputException ie) throw ie;
            throw new InputException(xml.toString(), "malformed XML: " + e.getMessage(), e);
        } catch (java.io.CharConversionException e) {
            throw new InputException(xml.toString(), "not valid UTF-8 (or the declared encoding): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(xml.toString(), "cannot read: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
        if (handler.namespace == null) throw new InputException(xml.toString(), "no PcGts root element");
        if (handler.imageFilename == null) throw new InputException(xml.toString(), "no Page element with imageFilename");
        Path image = xml.toAbsolutePath().getParent().resolve(handler.imageFilename).normalize();
        return new PageDocument(xml, image, handler.imageFilename, handler.width, handler.height, handler.namespace,
                handler.lines);
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    private int line() {
        return locator == null ? 0 : locator.getLineNumber();
    }

    private InputException problem(String message) {
        return new InputException(xml + ":" + line(), message);
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
        if (namespace == null) {
            if (!local.equals("PcGts")) throw new SAXException(problem("root element is " + qName + ", not PcGts"));
            if (!PageXmlReader.NAMESPACES.contains(uri)) {
                throw new SAXException(problem("unknown PAGE namespace '" + uri + "' (expected the 2013-07-15 or 2019-07-15 schema)"));
            }
            namespace = uri;
        } else if (!uri.equals(namespace)) {
            path.push("?");
            return;
        }
        String parent = path.peek();
        switch (local) {
            case "Page" -> {
                imageFilename = a.getValue("imageFilename");
                width = intOrZero(a.getValue("imageWidth"));
                height = intOrZero(a.getValue("imageHeight"));
                if (imageFilename == null || imageFilename.isBlank()) {
                    throw new SAXException(problem("Page has no imageFilename"));
                }
            }
            case "TextLine" -> {
                lineId = a.getValue("id") == null ? "line" + (lines.size() + 1) : a.getValue("id");
                lineStart = line();
                coords = null;
                baseline = null;
                text = null;
                textIndex = Integer.MAX_VALUE;
            }
            case "Coords" -> {
                if ("TextLine".equals(parent)) coords = points(a.getValue("points"), "Coords");
            }
            case "Baseline" -> {
                if ("TextLine".equals(parent)) baseline = points(a.getValue("points"), "Baseline");
            }
            case "TextEquiv" -> {
                if ("TextLine".equals(parent)) {
                    String index = a.getValue("index");
                    equivIndex = index == null ? Integer.MAX_VALUE - 1 : intOrZero(index);
                }
            }
            case "Unicode" -> {
                if ("TextEquiv".equals(parent) && path.size() >= 2 && "TextLine".equals(secondFromTop())) {
                    unicode = new StringBuilder();
                }
            }
            default -> {
            }
        }
        path.push(local);
    }

    private String secondFromTop() {
        var it = path.iterator();
        it.next();
        return it.next();
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (unicode != null) unicode.append(ch, start, length);
    }

    @Override
    public void endElement(String uri, String local, String qName) {
        path.pop();
        if (!uri.equals(namespace)) return;
        if (local.equals("Unicode") && unicode != null) {
            if (text == null || equivIndex < textIndex) {
                text = unicode.toString();
                textIndex = equivIndex;
            }
            unicode = null;
        } else if (local.equals("TextLine")) {
            String where = xml + ":" + lineStart + ": TextLine " + lineId;
            String t = text == null ? "" : text.replace("\r\n", "\n").replace('\n', ' ').strip();
            if (coords == null) {
                warnings.add(where + " has no Coords; skipped");
            } else if (t.isEmpty() && !untranscribed) {
                warnings.add(where + " has an empty transcription (TextEquiv/Unicode); skipped");
            } else {
                lines.add(new PageLine(lineId, coords, PageLine.boxOf(coords), baseline, t, Double.NaN, lineStart));
            }
            lineId = null;
        }
    }

    /**
     * A point of a Coords or Baseline, rounded to whole pixels. A value that is not a number is a warning (the
     * outline is ignored, so the line is skipped); one beyond {@link #MAX_COORDINATE} either way refuses the file: no
     * scan is that large, and such values overflowed the box size (width = max - min + 1) into a negative number.
     */
    private int[] points(String value, String element) throws SAXException {
        if (value == null || value.isBlank()) return null;
        String[] pairs = value.trim().split("\\s+");
        int[] flat = new int[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            double x;
            double y;
            try {
                x = Double.parseDouble(xy[0]);
                y = Double.parseDouble(xy[1]);
            } catch (RuntimeException e) {
                warnings.add(xml + ":" + line() + ": " + element + " point '" + pairs[i] + "' is not x,y; ignored");
                return null;
            }
            if (!isSaneCoordinate(x) || !isSaneCoordinate(y)) {
                throw new SAXException(problem(element + " point '" + pairs[i] + "' of TextLine " + lineId
                        + " is outside -" + MAX_COORDINATE + ".." + MAX_COORDINATE + "; refused"));
            }
            flat[2 * i] = (int) Math.round(x);
            flat[2 * i + 1] = (int) Math.round(y);
        }
        int minPoints = element.equals("Coords") ? 3 : 2;
        if (pairs.length < minPoints) {
            if (element.equals("Coords") && pairs.length >= 1) {
                // Degenerate outlines (a point or a segment) still say where the line is: widen to a box.
                Box b = PageLine.boxOf(flat);
                return new PageLine("x", null, b, null, "", Double.NaN, 0).outline();
            }
            return null;
        }
        return flat;
    }

    /** Within the bound, and a number (NaN and infinities are not). Slightly negative points occur in exports. */
    private static boolean isSaneCoordinate(double v) {
        return v >= -MAX_COORDINATE && v <= MAX_COORDINATE;
    }

    private static int intOrZero(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
