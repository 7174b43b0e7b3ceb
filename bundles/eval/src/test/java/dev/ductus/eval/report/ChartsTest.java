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
    void linePointsSitWhereTheAxesPutThemAndNonFiniteOnesAreSkipped() {
        // plot area: x 64..480 (436 px), y 34..244 (210 px); both axes run 0..11 (10 plus a tenth of headroom)
        List<SvgLineChart.Point> points = List.of(new SvgLineChart.Point(0, 0, "0 s"),
                new SvgLineChart.Point(5, Double.NaN, "no validation"), new SvgLineChart.Point(10, 10, "42 s"),
                new SvgLineChart.Point(Double.POSITIVE_INFINITY, 3, ""));
        String svg = SvgLineChart.render("CER", "epoch", "CER %", List.of(new SvgLineChart.Series("m", "#123456", points)),
                v -> "epoch " + MetricFormat.compact(v), v -> MetricFormat.fixed(v, 1) + " %");
        assertTrue(svg.contains("<circle cx=\"64.0\" cy=\"244.0\""), svg);
        // 64 + 10/11 * 436 = 460.36; 244 - 10/11 * 210 = 53.09
        assertTrue(svg.contains("<circle cx=\"460.4\" cy=\"53.1\""), svg);
        assertTrue(svg.contains("points=\"64.0,244.0 460.4,53.1\""), svg);
        assertEquals(2, svg.split("<circle", -1).length - 1);
        assertTrue(svg.contains("<title>m: epoch 10, 10.0 %, 42 s</title>"), svg);
        assertTrue(svg.contains("not plotted (no value): 2 points"), svg);
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
        // whole-number x values keep whole ticks, and one series needs no legend
        assertTrue(svg.contains(">5</text>") && !svg.contains(">2.5</text>"), svg);
        assertFalse(svg.contains("width=\"10\" height=\"10\""), svg);
    }

    @Test
    void severalLinesGetALegendAndAnEmptyChartSaysSo() {
        String two = SvgLineChart.render("t", "min", "CER %", List.of(
                        new SvgLineChart.Series("a<b", ChartPalette.colour(0), List.of(new SvgLineChart.Point(0.5, 3, ""))),
                        new SvgLineChart.Series("c", ChartPalette.colour(1), List.of(new SvgLineChart.Point(1.5, 2, "")))),
                v -> MetricFormat.fixed(v, 1), v -> MetricFormat.fixed(v, 1));
        assertEquals(2, two.split("width=\"10\" height=\"10\"", -1).length - 1, two);
        assertTrue(two.contains(">a&lt;b</text>"), two);
        assertTrue(two.contains(">0.5</text>"), "fractional x keeps fractional ticks: " + two);
        String none = SvgLineChart.render("t", "epoch", "loss", List.of(new SvgLineChart.Series("x", "#000",
                List.of(new SvgLineChart.Point(1, Double.NaN, "")))), v -> "", v -> "");
        assertTrue(none.contains("no values to plot"), none);
        assertFalse(none.contains("<polyline"), none);
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
