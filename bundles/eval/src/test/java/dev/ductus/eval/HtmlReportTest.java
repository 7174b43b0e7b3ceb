package dev.ductus.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.recognize.Recognizer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class HtmlReportTest {
    static final List<String> TEXTS = List.of("if a<b && c>d", "plain words", "\"quoted\" & 'single'", "x");
    static final Dataset DATA = TestSystems.dataset("html", TEXTS);

    static ComparisonResult result() throws InterruptedException {
        List<Recognizer> systems = List.of(
                TestSystems.editing("oracle", DATA, t -> t),
                TestSystems.editing("<b>bold</b> & co", DATA, TestSystems::firstCharacterWrong),
                TestSystems.failingOnOddLines("flaky", DATA));
        return new Comparison().collectGarbage(false).run(DATA, systems);
    }

    @Test
    void wellFormedEscapedAndComplete() throws Exception {
        String html = new HtmlReport().render(result());

        // strict check: the page is well-formed XML, so every element is closed and every '<' in text escaped
        Document doc = parse(html);
        assertEquals("html", doc.getDocumentElement().getTagName());
        assertEquals(4, doc.getElementsByTagName("svg").getLength());
        assertEquals(count(html, "<svg"), count(html, "</svg>"));
        assertEquals(TEXTS.size(), doc.getElementsByTagName("details").getLength());

        assertTrue(html.contains("oracle") && html.contains("flaky"));
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co"));
        assertFalse(html.contains("<b>"), "a system name leaked as markup");
        assertTrue(html.contains("if a&lt;b &amp;&amp; c&gt;d"));
        assertTrue(html.contains("&quot;quoted&quot; &amp; &#39;single&#39;"));
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "the report must not reference the network");
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("failed: line-1: synthetic failure"));
        // the substituted first character, marked with the reference character it replaced
        assertTrue(html.contains("<span class=\"sub\" title=\"reference: i\">#</span>f a&lt;b"));
    }

    @Test
    void worstLinesFirstAndDetailLimit() throws Exception {
        ComparisonResult r = result();
        String html = new HtmlReport().detailLines(2).title("Two lines").render(r);
        parse(html);
        assertEquals(2, count(html, "<details>"));
        assertTrue(html.contains("<title>Two lines</title>"));
        assertTrue(html.contains("The 2 worst of 4 lines"));
        // line-3 ("x") is lost entirely by two systems: mean CER (0 + 100 + 100) / 3
        List<String> ids = summaryIds(html);
        assertEquals("line-3", ids.get(0));
        assertEquals("line-1", ids.get(1));
    }

    @Test
    void writesAtomically(@TempDir Path dir) throws Exception {
        ComparisonResult r = result();
        Path file = dir.resolve("report.html");
        new HtmlReport().write(r, file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(new HtmlReport().render(r).length(), html.length());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void emptyDatasetGivesUnknownRatesNotErrors() throws Exception {
        Dataset empty = TestSystems.dataset("empty", List.of());
        ComparisonResult r = new Comparison().collectGarbage(false)
                .run(empty, List.of(TestSystems.editing("idle", empty, t -> t)));
        SystemSummary s = r.summaries().get(0);
        assertTrue(Double.isNaN(s.cer()) && Double.isNaN(s.meanMillis()));
        String html = new HtmlReport().render(r);
        parse(html);
        assertTrue(html.contains("not plotted (no value): idle"), html);
        assertTrue(ComparisonTable.text(r).lines().toList().get(2).matches("idle +- +- +- +\\S+ +- +\\d+ +0"),
                ComparisonTable.text(r));
        assertEquals(0, count(html, "<details>"));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    private static List<String> summaryIds(String html) {
        Matcher m = Pattern.compile("<summary><code>([^<]*)</code>").matcher(html);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) ids.add(m.group(1));
        return ids;
    }
}
