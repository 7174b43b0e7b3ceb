package dev.ductus.eval;

import dev.ductus.api.model.ModelInfo;
import dev.ductus.eval.report.ChartPalette;
import dev.ductus.eval.report.HtmlText;
import dev.ductus.eval.report.MetricFormat;
import dev.ductus.eval.report.SvgLineChart;
import dev.ductus.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The models a framework serves as one self-contained HTML page (inline CSS and SVG, no script, nothing
 * fetched): a table of each model's training facts (data, epochs, validation CER, training time, calibration),
 * an overview of every learning curve's validation CER against training time, and per model its validation CER
 * and training loss per epoch. Facts a model does not record show as "-"; models trained before curves were
 * recorded say so instead of a chart. The markup is also well-formed XML.
 */
public final class ModelReport {
    /** A served model: its stage name, the version of its file's content, and what it is. */
    public record Entry(String name, String version, ModelInfo info) {
    }

    static final String NO_CURVE = "no learning curve recorded (trained before curves were recorded)";

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5em auto;max-width:1100px;\
            padding:0 1em;color:#222}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
            .meta{color:#555}
            table.summary{border-collapse:collapse;margin:.5em 0;font-size:.92em}
            table.summary th,table.summary td{padding:.25em .6em;border-bottom:1px solid #e4e4e4;vertical-align:top}
            table.summary th{text-align:left;background:#f4f4f4}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;vertical-align:baseline}
            .charts{display:flex;flex-wrap:wrap;gap:1.5em}
            svg.chart{background:#fff;max-width:100%;height:auto}
            code{font-family:ui-monospace,Menlo,Consolas,monospace}
            .empty{color:#999;font-style:italic}
            """;

    private String title = "Ductus models";

    /** The page title; by default "Ductus models". */
    public ModelReport title(String text) {
        this.title = text;
        return this;
    }

    /** Writes the page atomically (a reader sees the old file or the whole new one). */
    public void write(List<Entry> models, Path file) throws IOException {
        AtomicFiles.writeString(file, render(models));
    }

    /** How many of the models record a learning curve. */
    public static int withCurves(List<Entry> models) {
        return (int) models.stream().filter(m -> !LearningCurve.of(m.info().facts()).isEmpty()).count();
    }

    public String render(List<Entry> models) {
        int curves = withCurves(models);
        StringBuilder sb = new StringBuilder(1 << 15);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>");
        HtmlText.append(sb, title);
        sb.append("</title><style>\n").append(STYLE).append("</style></head>\n<body>\n<h1>");
        HtmlText.append(sb, title);
        sb.append("</h1>\n<p class=\"meta\">");
        HtmlText.append(sb, String.format(Locale.ROOT, "%d model%s served, %d with a learning curve; written %s. "
                        + "CER counts spaces as characters; the validation CER is that of the kept epoch.",
                models.size(), models.size() == 1 ? "" : "s", curves, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        sb.append("</p>\n");
        if (models.isEmpty()) {
            sb.append("<p class=\"empty\">The framework serves no models.</p>\n</body></html>\n");
            return sb.toString();
        }
        appendTable(sb, models);
        if (curves > 0) appendOverview(sb, models);
        for (int k = 0; k < models.size(); k++) appendModel(sb, models.get(k), k);
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void appendTable(StringBuilder sb, List<Entry> models) {
        sb.append("<h2>Models</h2>\n<table class=\"summary\"><thead><tr>");
        String[] numeric = {"parameters", "epoch kept / run", "val. CER %", "val. WER %"};
        for (String c : new String[]{"model", "version", "system", "parameters", "input", "chain", "training data",
                "epoch kept / run", "val. CER %", "val. WER %", "training time (kept / in all)", "calibration"}) {
            sb.append(List.of(numeric).contains(c) ? "<th class=\"num\">" : "<th>");
            HtmlText.append(sb, c);
            sb.append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (int k = 0; k < models.size(); k++) {
            Entry m = models.get(k);
            ModelInfo info = m.info();
            Map<String, String> f = info.facts();
            LearningCurve curve = LearningCurve.of(f);
            sb.append("<tr><td><span class=\"swatch\" style=\"background:").append(ChartPalette.colour(k))
                    .append("\"></span>");
            HtmlText.append(sb, orDash(m.name()));
            sb.append("</td><td><code>");
            HtmlText.append(sb, orDash(m.version()));
            sb.append("</code></td>");
            cell(sb, orDash(info.system()), false);
            cell(sb, info.parameters() > 0 ? String.format(Locale.ROOT, "%,d", info.parameters()) : "-", true);
            cell(sb, orDash(info.inputSpec()), false);
            cell(sb, orDash(chain(f)), false);
            sb.append("<td>");
            HtmlText.append(sb, orDash(f.get("train.data")));
            if (f.get("validation.data") != null) {
                sb.append("<br/>validation: ");
                HtmlText.append(sb, f.get("validation.data"));
            }
            sb.append("</td>");
            String kept = orDash(f.get("epochs"));
            cell(sb, curve.isEmpty() ? kept : kept + " / " + curve.lastEpoch(), true);
            cell(sb, MetricFormat.percent(number(f, "validation.cer")), true);
            cell(sb, MetricFormat.percent(number(f, "validation.wer")), true);
            cell(sb, trainingTime(f), false);
            cell(sb, calibration(f), false);
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static void appendOverview(StringBuilder sb, List<Entry> models) {
        List<SvgLineChart.Series> series = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            LearningCurve curve = LearningCurve.of(models.get(k).info().facts());
            if (curve.isEmpty()) continue;
            List<SvgLineChart.Point> points = new ArrayList<>();
            for (LearningCurve.Point p : curve.points()) {
                points.add(new SvgLineChart.Point(p.seconds() / 60, 100 * p.cer(), "epoch " + p.epoch()));
            }
            series.add(new SvgLineChart.Series(orDash(models.get(k).name()), ChartPalette.colour(k), points));
        }
        sb.append("<h2>Learning curves</h2>\n<div class=\"charts\">\n")
                .append(SvgLineChart.render("Validation CER % against training time", "training time, minutes",
                        "CER %", series, v -> MetricFormat.fixed(v, 1) + " min", v -> MetricFormat.fixed(v, 2) + " % CER"))
                .append("\n</div>\n");
    }

    private static void appendModel(StringBuilder sb, Entry m, int k) {
        ModelInfo info = m.info();
        Map<String, String> f = info.facts();
        sb.append("<h2><span class=\"swatch\" style=\"background:").append(ChartPalette.colour(k)).append("\"></span>");
        HtmlText.append(sb, orDash(m.name()));
        sb.append("</h2>\n<p class=\"meta\">");
        List<String> about = new ArrayList<>();
        about.add(orDash(m.version()));
        about.add(orDash(info.system()) + " (format " + info.formatVersion() + ")");
        if (info.alphabet() != null) about.add(info.alphabet().size() + " symbols");
        if (f.get("model") != null) about.add("model " + f.get("model"));
        if (f.get("max.minutes") != null) about.add("time budget " + f.get("max.minutes") + " min");
        HtmlText.append(sb, String.join(" \u00b7 ", about));
        sb.append("</p>\n");
        LearningCurve curve = LearningCurve.of(f);
        if (curve.isEmpty()) {
            sb.append("<p class=\"empty\">").append(HtmlText.escape(NO_CURVE)).append("</p>\n");
            return;
        }
        List<SvgLineChart.Point> cer = new ArrayList<>();
        List<SvgLineChart.Point> loss = new ArrayList<>();
        for (LearningCurve.Point p : curve.points()) {
            String note = duration(p.seconds());
            cer.add(new SvgLineChart.Point(p.epoch(), 100 * p.cer(), note));
            loss.add(new SvgLineChart.Point(p.epoch(), p.loss(), note));
        }
        String name = orDash(m.name());
        String colour = ChartPalette.colour(k);
        double keptEpoch = number(f, "epochs");
        sb.append("<div class=\"charts\">\n")
                .append(SvgLineChart.render("Validation CER % per epoch", "epoch", "CER %",
                        List.of(new SvgLineChart.Series(name, colour, cer)), v -> "epoch " + MetricFormat.compact(v),
                        v -> MetricFormat.fixed(v, 2) + " % CER", keptEpoch, "kept"))
                .append('\n')
                .append(SvgLineChart.render("Training loss per epoch", "epoch", "loss",
                        List.of(new SvgLineChart.Series(name, colour, loss)), v -> "epoch " + MetricFormat.compact(v),
                        v -> "loss " + MetricFormat.fixed(v, 4), keptEpoch, "kept"))
                .append("\n</div>\n");
    }

    private static void cell(StringBuilder sb, String text, boolean numeric) {
        sb.append(numeric ? "<td class=\"num\">" : "<td>");
        HtmlText.append(sb, text);
        sb.append("</td>");
    }

    /** Seconds to the kept epoch, of the whole run (when it went on after), and the budget it had. */
    static String trainingTime(Map<String, String> f) {
        double kept = number(f, "train.seconds");
        double total = number(f, "train.seconds.total");
        String text = Double.isNaN(kept) ? "-" : duration(kept);
        if (!Double.isNaN(total)) text += " / " + duration(total);
        if (f.get("max.minutes") != null) text += " (budget " + f.get("max.minutes") + " min)";
        return text;
    }

    /** The recorded calibration: ECE before and after, and its temperature or Platt parameters; "-" for none. */
    static String calibration(Map<String, String> f) {
        List<String> parts = new ArrayList<>();
        double before = number(f, "calibration.ece.before");
        double after = number(f, "calibration.ece.after");
        if (!Double.isNaN(before) || !Double.isNaN(after)) {
            parts.add("ECE " + MetricFormat.percent(before) + " % \u2192 " + MetricFormat.percent(after) + " %");
        }
        if (f.get("calibration.temperature") != null) {
            parts.add("T = " + MetricFormat.fixed(number(f, "calibration.temperature"), 3));
        }
        if (f.get("calibration.a") != null && f.get("calibration.b") != null) {
            parts.add("a = " + MetricFormat.fixed(number(f, "calibration.a"), 3) + ", b = "
                    + MetricFormat.fixed(number(f, "calibration.b"), 3));
        }
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }

    /** "42 s", "10 min 12 s", "2 h 05 min"; "-" for an unknown time. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "-";
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** A fact as a number; NaN when it is missing or no number. */
    private static double number(Map<String, String> facts, String key) {
        String v = facts.get(key);
        if (v == null) return Double.NaN;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The preprocessing chain: {@code chain}, or {@code preprocessing} as the hybrid trainers write it. */
    private static String chain(Map<String, String> f) {
        String chain = f.get("chain");
        return chain == null || chain.isBlank() ? f.get("preprocessing") : chain;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
