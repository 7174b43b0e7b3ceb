package dev.ductus.data;

import dev.ductus.api.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes recognised text back into a PAGE XML document as text, so that every byte outside the changed elements
 * stays as it was (the eScriptorium / Transkribus round trip: their segmentation in, the same file with the lines'
 * text out). For each {@code TextLine} whose {@code id} has a reading, its own {@code TextEquiv} (not a Word's) is
 * replaced, or, when it has none, one is added after its last {@code Word}, {@code Baseline} or {@code Coords}
 * (the schema's order), indented like that element. Other lines, regions, words, metadata, comments and the
 * declaration are copied unchanged.
 */
public final class PageTextFiller {
    /** A line's text and confidence (NaN: no {@code conf} attribute). */
    public record Reading(String text, double confidence) {
    }

    private static final Pattern LINE_START = Pattern.compile("<((?:[A-Za-z_][\\w.-]*:)?)TextLine(\\s[^>]*?)?(/?)>");
    private static final Pattern ID = Pattern.compile("\\sid\\s*=\\s*([\"'])(.*?)\\1");

    private PageTextFiller() {
    }

    /**
     * @param source names the document in errors
     * @return the document with the readings filled in
     * @throws InputException when a TextLine has no end tag
     */
    public static String fill(String xml, Map<String, Reading> byLineId, String source) {
        StringBuilder out = new StringBuilder(xml.length() + 64 * byLineId.size());
        Matcher m = LINE_START.matcher(xml);
        int copied = 0;
        while (m.find()) {
            String prefix = m.group(1);
            String attributes = m.group(2) == null ? "" : m.group(2);
            Matcher id = ID.matcher(attributes);
            Reading reading = id.find() ? byLineId.get(unescape(id.group(2))) : null;
            boolean selfClosing = !m.group(3).isEmpty();
            if (reading == null) continue;
            String equiv = textEquiv(prefix, reading);
            if (selfClosing) {
                out.append(xml, copied, m.start());
                out.append('<').append(prefix).append("TextLine").append(attributes).append('>').append(equiv)
                        .append("</").append(prefix).append("TextLine>");
                copied = m.end();
                continue;
            }
            String endTag = "</" + prefix + "TextLine";
            int end = xml.indexOf(endTag, m.end());
            if (end < 0) throw new InputException(source, "TextLine " + id.group(2) + " has no end tag");
            int[] own = ownTextEquiv(xml, prefix, m.end(), end);
            if (own != null) {
                out.append(xml, copied, own[0]).append(equiv);
                copied = own[1];
            } else {
                int[] last = lastChild(xml, prefix, m.end(), end);
                int after = last == null ? m.end() : last[1];
                String indent = indentOf(xml, last == null ? m.start() : last[0]);
                if (indent != null && last == null) indent += "  ";
                out.append(xml, copied, after);
                out.append(indent == null ? "" : "\n" + indent).append(equiv);
                copied = after;
            }
        }
        out.append(xml, copied, xml.length());
        return out.toString();
    }

    /** [start, end) of the line's own TextEquiv element between {@code from} and {@code to}, outside Words; or null. */
    static int[] ownTextEquiv(String xml, String prefix, int from, int to) {
        List<int[]> words = elements(xml, prefix + "Word", from, to);
        for (int[] e : elements(xml, prefix + "TextEquiv", from, to)) {
            boolean inWord = false;
            for (int[] w : words) if (e[0] >= w[0] && e[1] <= w[1]) inWord = true;
            if (!inWord) return e;
        }
        return null;
    }

    /** The last of the line's Coords, Baseline and Words ([start, end)): the line's TextEquiv follows it; or null. */
    static int[] lastChild(String xml, String prefix, int from, int to) {
        int[] best = null;
        List<int[]> words = elements(xml, prefix + "Word", from, to);
        for (String name : List.of("Coords", "Baseline", "Word")) {
            for (int[] e : name.equals("Word") ? words : elements(xml, prefix + name, from, to)) {
                boolean nested = false;
                if (!name.equals("Word")) for (int[] w : words) if (e[0] > w[0] && e[1] <= w[1]) nested = true;
                if (!nested && (best == null || e[1] > best[1])) best = e;
            }
        }
        return best;
    }

    /** The elements {@code <NAME ...>...</NAME>} or {@code <NAME .../>} in [from, to), outermost only. */
    static List<int[]> elements(String xml, String name, int from, int to) {
        List<int[]> out = new ArrayList<>();
        Pattern start = Pattern.compile("<" + Pattern.quote(name) + "(\\s[^>]*?)?(/?)>");
        Matcher m = start.matcher(xml).region(from, to);
        while (m.find()) {
            int s = m.start();
            int e;
            if (!m.group(2).isEmpty()) {
                e = m.end();
            } else {
                int close = xml.indexOf("</" + name + ">", m.end());
                if (close < 0 || close >= to) close = xml.indexOf("</" + name, m.end());
                if (close < 0 || close >= to) break;
                e = xml.indexOf('>', close) + 1;
            }
            out.add(new int[]{s, e});
            m.region(e, to);
        }
        return out;
    }

    /** The whitespace before {@code at} on its line, or null when something else precedes it there. */
    private static String indentOf(String xml, int at) {
        int nl = xml.lastIndexOf('\n', at - 1);
        String ws = xml.substring(nl + 1, at);
        return ws.isBlank() || ws.isEmpty() ? ws : null;
    }

    static String textEquiv(String prefix, Reading r) {
        StringBuilder sb = new StringBuilder("<").append(prefix).append("TextEquiv");
        if (!Double.isNaN(r.confidence())) {
            sb.append(" conf=\"").append(String.format(Locale.ROOT, "%.4f", Math.max(0, Math.min(1, r.confidence())))).append('"');
        }
        sb.append("><").append(prefix).append("Unicode>").append(escape(r.text())).append("</").append(prefix).append("Unicode></")
                .append(prefix).append("TextEquiv>");
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
