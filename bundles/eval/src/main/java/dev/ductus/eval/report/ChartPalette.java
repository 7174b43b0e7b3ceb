package dev.ductus.eval.report;

/** One colour per system, the same in every chart of a report (Tableau 10, readable by most colour-blind readers). */
public final class ChartPalette {
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private ChartPalette() {
    }

    public static String colour(int system) {
        return COLOURS[system % COLOURS.length];
    }
}
