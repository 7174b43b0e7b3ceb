package dev.ductus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.Notes;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HypothesisAltoTest {
    private static List<CharSpan> spans(String text, int line, double... confidences) {
        List<CharSpan> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) out.add(new CharSpan(text.substring(i, i + 1), i, i + 1, i, i + 1, confidences[i], line));
        return out;
    }

    @Test
    void linesWordsAndWordConfidencesAreWrittenAndParseBack() throws Exception {
        List<CharSpan> chars = new ArrayList<>(spans("ab c", 0, 1.0, 0.5, 0.9, 0.4));
        chars.addAll(spans("x<&", 1, 0.2, 0.2, 0.2));
        Hypothesis h = new Hypothesis("ab c\nx<&", -1, chars, new Notes(), List.of(new Box(1, 2, 30, 10), new Box(1, 14, 20, 10)));
        String xml = HypothesisAlto.xml("scan.png", 40, 30, h);
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(HypothesisAlto.NAMESPACE, d.getDocumentElement().getNamespaceURI());
        NodeList lines = d.getElementsByTagNameNS(HypothesisAlto.NAMESPACE, "TextLine");
        assertEquals(2, lines.getLength());
        assertEquals("14", ((Element) lines.item(1)).getAttribute("VPOS"));
        NodeList words = d.getElementsByTagNameNS(HypothesisAlto.NAMESPACE, "String");
        assertEquals(3, words.getLength());
        assertEquals("ab", ((Element) words.item(0)).getAttribute("CONTENT"));
        assertEquals("0.7500", ((Element) words.item(0)).getAttribute("WC"));
        assertEquals("c", ((Element) words.item(1)).getAttribute("CONTENT"));
        assertEquals("x<&", ((Element) words.item(2)).getAttribute("CONTENT"), "escaped and read back");
        assertEquals(1, d.getElementsByTagNameNS(HypothesisAlto.NAMESPACE, "SP").getLength());
        assertEquals("scan.png", d.getElementsByTagNameNS(HypothesisAlto.NAMESPACE, "fileName").item(0).getTextContent());
    }

    @Test
    void withoutSpellingSpansTheWordsComeFromTheTextWithoutConfidence() {
        Hypothesis h = new Hypothesis("two  words", -1, List.of(), new Notes());
        String xml = HypothesisAlto.xml("l.png", 10, 5, h);
        assertTrue(xml.contains("CONTENT=\"two\"") && xml.contains("CONTENT=\"words\"") && !xml.contains("WC="), xml);
        assertTrue(xml.contains("HPOS=\"0\" VPOS=\"0\" WIDTH=\"10\" HEIGHT=\"5\""), xml);
    }
}
