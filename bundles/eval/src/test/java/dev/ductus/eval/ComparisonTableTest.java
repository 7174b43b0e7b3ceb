package dev.ductus.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
    @Test
    void alignedTextTable() throws InterruptedException {
        ComparisonResult r = new Comparison().collectGarbage(false).run(ComparisonTest.DATA, ComparisonTest.systems());
        String table = ComparisonTable.text(r);
        List<String> lines = table.lines().toList();
        assertEquals(5, lines.size(), table);
        assertTrue(lines.get(0).startsWith("system"), table);
        assertTrue(lines.get(1).matches("-+"), table);
        int width = lines.get(0).length();
        for (String l : lines) assertEquals(width, l.length(), "every row is as wide as the header:\n" + table);
        assertTrue(lines.get(3).startsWith("first-wrong"), table);
        assertTrue(lines.get(3).contains(" 9.38 ") && lines.get(3).contains(" 42.86 "), table); // 6/64, 6/14
        assertTrue(lines.get(4).endsWith(" 3"), table);
        assertEquals(lines.get(0).indexOf("CER %") + "CER %".length(),
                lines.get(2).indexOf("0.00") + "0.00".length(), "numbers are right-aligned under their header");
    }

    @Test
    void tsvRowsAndEscaping() throws InterruptedException {
        var data = TestSystems.dataset("tsv", List.of("tab\there", "back\\slash"));
        ComparisonResult r = new Comparison(TextNormalizer.NONE).collectGarbage(false)
                .run(data, List.of(TestSystems.editing("same", data, t -> t)));
        List<String> summary = ComparisonTable.tsv(r).lines().toList();
        assertEquals(2, summary.size());
        assertEquals(16, summary.get(0).split("\t", -1).length);
        assertEquals(16, summary.get(1).split("\t", -1).length);
        assertTrue(summary.get(1).startsWith("same\t0.0000\t0.0000\t100.0000\t"), summary.get(1));

        List<String> lines = ComparisonTable.linesTsv(r).lines().toList();
        assertEquals(3, lines.size());
        for (String l : lines) assertEquals(11, l.split("\t", -1).length, l);
        assertTrue(lines.get(1).endsWith("\ttab\\there\ttab\\there"), lines.get(1));
        assertTrue(lines.get(2).endsWith("\tback\\\\slash\tback\\\\slash"), lines.get(2));
    }
}
