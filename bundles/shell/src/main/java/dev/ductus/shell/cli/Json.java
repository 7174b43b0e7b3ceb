package dev.ductus.shell.cli;

/** The few bits of JSON the shell writes (one object per line): string escaping and number formatting. */
public final class Json {
    private Json() {
    }

    public static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return String.format(java.util.Locale.ROOT, "%.6g", d);
    }

    /**
     * Appends {@code ,"box":[x0,y0,x1,y1],"polygon":[[x,y],...]} (rounded pixels of the input image; x1, y1
     * exclusive), or nothing when the position is unknown (null).
     */
    public static void position(StringBuilder sb, dev.ductus.api.Box box, double[][] polygon) {
        if (box == null || polygon == null) return;
        sb.append(",\"box\":[").append(box.x()).append(',').append(box.y()).append(',').append(box.right())
                .append(',').append(box.bottom()).append("],\"polygon\":[");
        for (int i = 0; i < polygon.length; i++) {
            if (i > 0) sb.append(',');
            sb.append('[').append(Math.round(polygon[i][0])).append(',').append(Math.round(polygon[i][1])).append(']');
        }
        sb.append(']');
    }
}
