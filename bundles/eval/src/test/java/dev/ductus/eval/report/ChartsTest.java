package dev.ductus.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
    @Test
    void barLengthsAreProportionalAndMissingValuesHaveNoBar() {
        String svg = SvgBarChart.render("CER", List.of("a", "b", "c"), new double[]{10, 5, Double.NaN},
                v -> MetricFormat.fixed(v, 1));
        assertTrue(svg.contains("width=\"340.0\""), svg);
        assertTrue(svg.contains("width=\"170.0\""), svg);
        assertEquals(2, svg.split("<rect", -1).length - 1);
        assertTrue(svg.contains(">-</text>"), svg);
    }

    @Test
    void scatterSwitchesToLogScaleForWideSpeedRanges() {
        String wide = SvgScatterChart.render("t", "lines/s", "CER %", List.of("slow", "fast"),
                new double[]{0.5, 2000}, new double[]{3, 9}, MetricFormat::speed, v -> MetricFormat.fixed(v, 1));
        assertTrue(wide.contains("lines/s (log scale)"), wide);
        assertTrue(wide.contains(">1000</text>") && wide.contains(">0.1</text>"), wide);
        String narrow = SvgScatterChart.render("t", "lines/s", "CER %", List.of("a", "b", "none"),
                new double[]{4, 8, Double.NaN}, new double[]{3, 9, 1}, MetricFormat::speed,
                v -> MetricFormat.fixed(v, 1));
        assertFalse(narrow.contains("log scale"), narrow);
        assertTrue(narrow.contains("not plotted (no value): none"), narrow);
        assertEquals(2, narrow.split("<circle", -1).length - 1);
    }

    @Test
    void escapesMarkupQuotesAndInvalidCharacters() {
        assertEquals("a&lt;b&gt;&amp;&quot;&#39;\ufffd\ufffd\uD835\uDCB3", HtmlText.escape("a<b>&\"'\u0001\uD835" + "\uD835\uDCB3"));
    }

    @Test
    void alignmentMarkupMergesRunsAndShowsSpaces() {
        assertEquals("ab<span class=\"sub\" title=\"reference: cd\">xy</span>e<span class=\"del\" title=\"deleted\">"
                + "\u2423f</span>", AlignmentMarkup.render("abcde f", "abxye"));
        assertEquals("a<span class=\"ins\" title=\"inserted\">&lt;</span>b", AlignmentMarkup.render("ab", "a<b"));
    }

    @Test
    void numberFormats() {
        assertEquals("0", MetricFormat.compact(0));
        assertEquals("0.1", MetricFormat.compact(0.1));
        assertEquals("2.5", MetricFormat.compact(2.5));
        assertEquals("1000", MetricFormat.compact(1000));
        assertEquals("0.3", MetricFormat.compact(0.30000000000000004));
        assertEquals("12.35", MetricFormat.percent(0.12345));
        assertEquals("-", MetricFormat.percent(Double.NaN));
        assertEquals("inf", MetricFormat.percent(Double.POSITIVE_INFINITY));
        assertEquals("456", MetricFormat.speed(456.2));
        assertEquals("3.83", MetricFormat.speed(3.8253));
    }
}
