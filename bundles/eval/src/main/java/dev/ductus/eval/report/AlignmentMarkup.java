package dev.ductus.eval.report;

import dev.ductus.eval.Alignment;
import dev.ductus.eval.EditDistance;

/**
 * A hypothesis as HTML with its character errors marked against the reference: substituted characters in
 * {@code <span class="sub">} (the reference characters in the title), inserted ones in
 * {@code <span class="ins">}, and deleted reference characters struck through in {@code <span class="del">}.
 * Spaces inside marked runs show as ␣ so a missing or extra space is visible. Runs of one kind are merged.
 */
public final class AlignmentMarkup {
    private static final String VISIBLE_SPACE = "\u2423";

    private AlignmentMarkup() {
    }

    public static String render(String reference, String hypothesis) {
        Alignment alignment;
        try {
            alignment = EditDistance.alignCharacters(reference, hypothesis);
        } catch (IllegalArgumentException tooLong) {
            return "<span class=\"noalign\" title=\"too long to align\">" + HtmlText.escape(hypothesis) + "</span>";
        }
        StringBuilder out = new StringBuilder(hypothesis.length() * 2);
        StringBuilder shown = new StringBuilder();
        StringBuilder replaced = new StringBuilder();
        Alignment.Op current = null;
        for (Alignment.Step step : alignment.steps()) {
            if (step.op() != current) {
                flush(out, current, shown, replaced);
                current = step.op();
            }
            switch (step.op()) {
                case MATCH -> shown.append(step.hypothesis());
                case SUBSTITUTE -> {
                    shown.append(visible(step.hypothesis()));
                    replaced.append(step.reference());
                }
                case INSERT -> shown.append(visible(step.hypothesis()));
                case DELETE -> shown.append(visible(step.reference()));
            }
        }
        flush(out, current, shown, replaced);
        return out.toString();
    }

    private static void flush(StringBuilder out, Alignment.Op op, StringBuilder shown, StringBuilder replaced) {
        if (op == null || shown.isEmpty()) return;
        switch (op) {
            case MATCH -> HtmlText.append(out, shown.toString());
            case SUBSTITUTE -> {
                out.append("<span class=\"sub\" title=\"");
                HtmlText.append(out, "reference: " + replaced);
                out.append("\">");
                HtmlText.append(out, shown.toString());
                out.append("</span>");
            }
            case INSERT -> {
                out.append("<span class=\"ins\" title=\"inserted\">");
                HtmlText.append(out, shown.toString());
                out.append("</span>");
            }
            case DELETE -> {
                out.append("<span class=\"del\" title=\"deleted\">");
                HtmlText.append(out, shown.toString());
                out.append("</span>");
            }
        }
        shown.setLength(0);
        replaced.setLength(0);
    }

    private static String visible(String token) {
        return " ".equals(token) ? VISIBLE_SPACE : token;
    }
}
