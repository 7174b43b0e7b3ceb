package dev.ductus.eval;

import dev.ductus.store.AtomicFiles;
import dev.ductus.eval.report.MetricFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary of a comparison as an aligned text table (one row per system: system | CER % | WER % |
 * lines ok % | lines/s | ms/line | peak MB | failures), and as TSV for scripts, summary or per line.
 */
public final class ComparisonTable {
    /** The columns of {@link #text}. */
    public static final List<String> COLUMNS = List.of("system", "CER %", "WER %", "lines ok %", "lines/s",
            "ms/line", "peak MB", "failures");

    private ComparisonTable() {
    }

    public static String text(ComparisonResult result) {
        return text(result.summaries());
    }

    /** The aligned table: names left-aligned, numbers right-aligned, a rule under the header. */
    public static String text(List<SystemSummary> systems) {
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS.toArray(String[]::new));
        for (SystemSummary s : systems) {
            rows.add(new String[]{s.name(), MetricFormat.percent(s.cer()), MetricFormat.percent(s.wer()),
                    MetricFormat.percent(s.lineAccuracy()), MetricFormat.speed(s.linesPerSecond()),
                    MetricFormat.fixed(s.meanMillis(), 1), MetricFormat.fixed(s.peakHeapMegabytes(), 0),
                    Integer.toString(s.failures())});
        }
        int[] width = new int[COLUMNS.size()];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].codePointCount(0, row[c].length()));
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c > 0) line.append("  ");
                int pad = width[c] - row[c].codePointCount(0, row[c].length());
                if (c == 0) line.append(row[c]).append(" ".repeat(pad));
                else line.append(" ".repeat(pad)).append(row[c]);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : width) total += w;
                sb.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    /** One row per system, tab separated, with a header; numbers unrounded enough for scripts, NaN as "nan". */
    public static String tsv(ComparisonResult result) {
        StringBuilder sb = new StringBuilder("system\tCER %\tWER %\tlines ok %\tlines/s\tms/line\tpeak MB\tfailures"
                + "\tlines\tchar errors\tchars\tword errors\twords\twall s\tbaseline MB\tdescription\n");
        for (SystemSummary s : result.summaries()) {
            ErrorRates e = s.rates();
            sb.append(field(s.name())).append('\t')
                    .append(number(100 * s.cer())).append('\t')
                    .append(number(100 * s.wer())).append('\t')
                    .append(number(100 * s.lineAccuracy())).append('\t')
                    .append(number(s.linesPerSecond())).append('\t')
                    .append(number(s.meanMillis())).append('\t')
                    .append(number(s.peakHeapMegabytes())).append('\t')
                    .append(s.failures()).append('\t')
                    .append(e.lines()).append('\t')
                    .append(e.characterErrors()).append('\t')
                    .append(e.characters()).append('\t')
                    .append(e.wordErrors()).append('\t')
                    .append(e.words()).append('\t')
                    .append(number(s.wallSeconds())).append('\t')
                    .append(number(s.baselineHeapBytes() / (1024.0 * 1024.0))).append('\t')
                    .append(field(s.description())).append('\n');
        }
        return sb.toString();
    }

    /** One row per system and line, tab separated: scores, time, failure, reference and hypothesis. */
    public static String linesTsv(ComparisonResult result) {
        StringBuilder sb = new StringBuilder(
                "system\tid\tCER %\tchar errors\tchars\tword errors\twords\tms\tfailure\treference\thypothesis\n");
        for (SystemRun run : result.systems()) {
            String name = field(run.summary().name());
            for (LineResult l : run.lines()) {
                sb.append(name).append('\t').append(field(l.id())).append('\t')
                        .append(number(100 * l.cer())).append('\t')
                        .append(l.characters().errors()).append('\t').append(l.characters().referenceLength()).append('\t')
                        .append(l.words().errors()).append('\t').append(l.words().referenceLength()).append('\t')
                        .append(number(l.millis())).append('\t')
                        .append(l.failure() == null ? "" : field(l.failure())).append('\t')
                        .append(field(l.reference())).append('\t')
                        .append(field(l.hypothesis())).append('\n');
            }
        }
        return sb.toString();
    }

    public static void writeTsv(ComparisonResult result, Path file) throws IOException {
        AtomicFiles.writeString(file, tsv(result));
    }

    public static void writeLinesTsv(ComparisonResult result, Path file) throws IOException {
        AtomicFiles.writeString(file, linesTsv(result));
    }

    private static String number(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Backslash escapes for the characters that would break a TSV row (as in PostgreSQL's text format). */
    static String field(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
