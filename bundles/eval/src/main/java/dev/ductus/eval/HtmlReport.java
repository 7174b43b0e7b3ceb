package dev.ductus.eval;

import dev.ductus.store.AtomicFiles;
import dev.ductus.eval.report.AlignmentMarkup;
import dev.ductus.eval.report.ChartPalette;
import dev.ductus.eval.report.HtmlText;
import dev.ductus.eval.report.MetricFormat;
import dev.ductus.eval.report.SvgBarChart;
import dev.ductus.eval.report.SvgScatterChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched. It holds bar
 * charts of CER, WER and speed per system, CER against speed, the summary table, and the lines worst first
 * (mean CER over the systems), each collapsible, with every system's character errors marked against the
 * reference. The markup is also well-formed XML.
 */
public final class HtmlReport {
    /** Lines shown in detail unless set otherwise: enough to study errors, small enough to open quickly. */
    public static final int DEFAULT_DETAIL_LINES = 1000;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5em auto;max-width:1100px;\
            padding:0 1em;color:#222}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
            .meta{color:#555}
            table.summary{border-collapse:collapse;margin:.5em 0}
            table.summary th,table.summary td{padding:.25em .7em;border-bottom:1px solid #e4e4e4}
            table.summary th{text-align:left;background:#f4f4f4}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;vertical-align:baseline}
            .charts{display:flex;flex-wrap:wrap;gap:1.5em}
            svg.chart{background:#fff;max-width:100%;height:auto}
            details{border-bottom:1px solid #eee;padding:.2em 0}
            summary{cursor:pointer}
            .line{display:grid;grid-template-columns:14em 1fr;gap:.8em;margin:.2em 0 .2em 1.2em}
            .who{color:#555;font-size:.9em}
            .txt{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word}
            .sub{background:#ffe08a}.ins{background:#b9e6b0}.del{background:#f6b8b8;text-decoration:line-through}
            .fail{color:#b00020}.empty{color:#999;font-style:italic}
            """;

    private int detailLines = DEFAULT_DETAIL_LINES;
    private String title;

    /** How many lines, worst first, the report shows in detail (0 for none). */
    public HtmlReport detailLines(int lines) {
        if (lines < 0) throw new IllegalArgumentException("detail lines must be >= 0, got " + lines);
        this.detailLines = lines;
        return this;
    }

    /** The page title; by default "Comparison on DATASET". */
    public HtmlReport title(String text) {
        this.title = text;
        return this;
    }

    /** Writes the report atomically (a reader sees the old file or the whole new one). */
    public void write(ComparisonResult result, Path file) throws IOException {
        AtomicFiles.writeString(file, render(result));
    }

    public String render(ComparisonResult result) {
        List<SystemSummary> systems = result.summaries();
        String heading = title != null ? title : "Comparison on " + result.dataset();
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>");
        HtmlText.append(sb, heading);
        sb.append("</title><style>\n").append(STYLE).append("</style></head>\n<body>\n<h1>");
        HtmlText.append(sb, heading);
        sb.append("</h1>\n<p class=\"meta\">");
        Runtime rt = Runtime.getRuntime();
        HtmlText.append(sb, String.format(Locale.ROOT, "%d lines, %d systems; normalisation: %s; %d thread%s; "
                        + "started %s; Java %s on %d processors, max heap %d MB.", result.lineCount(), systems.size(),
                result.normalizer().spec(), result.threads(), result.threads() == 1 ? "" : "s", result.started(),
                System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20));
        sb.append("<br/>CER counts spaces as characters; lines/s is wall clock including image loading; ms/line is "
                + "the mean recognition time of the lines that did not fail; peak MB is the most heap in use seen "
                + "while the system ran.</p>\n");

        sb.append("<h2>Summary</h2>\n");
        appendSummaryTable(sb, systems);
        appendCharts(sb, systems);
        appendDetails(sb, result);
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void appendSummaryTable(StringBuilder sb, List<SystemSummary> systems) {
        sb.append("<table class=\"summary\"><thead><tr>");
        for (int c = 0; c < ComparisonTable.COLUMNS.size(); c++) {
            sb.append(c == 0 ? "<th>" : "<th class=\"num\">");
            HtmlText.append(sb, ComparisonTable.COLUMNS.get(c));
            sb.append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (int k = 0; k < systems.size(); k++) {
            SystemSummary s = systems.get(k);
            sb.append("<tr><td title=\"");
            HtmlText.append(sb, s.description());
            sb.append("\"><span class=\"swatch\" style=\"background:").append(ChartPalette.colour(k)).append("\"></span>");
            HtmlText.append(sb, s.name());
            sb.append("</td>");
            for (String v : new String[]{MetricFormat.percent(s.cer()), MetricFormat.percent(s.wer()),
                    MetricFormat.percent(s.lineAccuracy()), MetricFormat.speed(s.linesPerSecond()),
                    MetricFormat.fixed(s.meanMillis(), 1), MetricFormat.fixed(s.peakHeapMegabytes(), 0),
                    Integer.toString(s.failures())}) {
                sb.append("<td class=\"num\">").append(HtmlText.escape(v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static void appendCharts(StringBuilder sb, List<SystemSummary> systems) {
        List<String> names = systems.stream().map(SystemSummary::name).toList();
        double[] cer = systems.stream().mapToDouble(s -> 100 * s.cer()).toArray();
        double[] wer = systems.stream().mapToDouble(s -> 100 * s.wer()).toArray();
        double[] speed = systems.stream().mapToDouble(SystemSummary::linesPerSecond).toArray();
        sb.append("<h2>Charts</h2>\n<div class=\"charts\">\n")
                .append(SvgBarChart.render("CER % (lower is better)", names, cer, v -> MetricFormat.fixed(v, 2)))
                .append('\n')
                .append(SvgBarChart.render("WER % (lower is better)", names, wer, v -> MetricFormat.fixed(v, 2)))
                .append('\n')
                .append(SvgBarChart.render("Speed, lines/s (higher is better)", names, speed, MetricFormat::speed))
                .append('\n')
                .append(SvgScatterChart.render("CER against speed (best: bottom right)", "lines/s", "CER %", names,
                        speed, cer, MetricFormat::speed, v -> MetricFormat.fixed(v, 1)))
                .append("\n</div>\n");
    }

    private void appendDetails(StringBuilder sb, ComparisonResult result) {
        int n = result.lineCount();
        int shown = Math.min(n, detailLines);
        sb.append("<h2>Lines, worst first</h2>\n<p class=\"meta\">");
        HtmlText.append(sb, shown == n ? "All " + n + " lines, ordered by mean CER over the systems."
                : "The " + shown + " worst of " + n + " lines, ordered by mean CER over the systems.");
        sb.append(" Marks: <span class=\"sub\">substituted</span> (hover for the reference), "
                + "<span class=\"ins\">inserted</span>, <span class=\"del\">deleted</span>; \u2423 is a space.</p>\n");
        int[] order = result.worstLinesFirst();
        List<SystemRun> runs = result.systems();
        for (int r = 0; r < shown; r++) {
            int i = order[r];
            LineResult first = runs.get(0).lines().get(i);
            double mean = 0;
            for (SystemRun run : runs) mean += run.lines().get(i).cer() / runs.size();
            sb.append("<details><summary><code>");
            HtmlText.append(sb, first.id());
            sb.append("</code> mean CER ").append(HtmlText.escape(MetricFormat.percent(mean))).append("%");
            for (SystemRun run : runs) {
                LineResult l = run.lines().get(i);
                sb.append(" \u00b7 ");
                HtmlText.append(sb, run.summary().name() + " " + MetricFormat.percent(l.cer()) + "%"
                        + (l.failed() ? " (failed)" : ""));
            }
            sb.append("</summary>\n<div class=\"line\"><div class=\"who\">reference</div><div class=\"txt\">");
            appendText(sb, first.reference());
            sb.append("</div></div>\n");
            for (SystemRun run : runs) {
                LineResult l = run.lines().get(i);
                sb.append("<div class=\"line\"><div class=\"who\">");
                HtmlText.append(sb, String.format(Locale.ROOT, "%s (CER %s%%, %s ms)", run.summary().name(),
                        MetricFormat.percent(l.cer()), MetricFormat.fixed(l.millis(), 1)));
                sb.append("</div><div class=\"txt\">");
                if (l.failed()) {
                    sb.append("<span class=\"fail\">failed: ");
                    HtmlText.append(sb, l.failure());
                    sb.append("</span>");
                } else if (l.hypothesis().isEmpty()) {
                    sb.append("<span class=\"empty\">(empty)</span>");
                } else {
                    sb.append(AlignmentMarkup.render(l.reference(), l.hypothesis()));
                }
                sb.append("</div></div>\n");
            }
            sb.append("</details>\n");
        }
    }

    private static void appendText(StringBuilder sb, String text) {
        if (text.isEmpty()) sb.append("<span class=\"empty\">(empty)</span>");
        else HtmlText.append(sb, text);
    }
}
