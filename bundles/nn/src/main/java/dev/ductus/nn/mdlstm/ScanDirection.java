package dev.ductus.nn.mdlstm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of the four scanning directions of a 2-D LSTM, named by the corner it starts from: {@code tl} scans
 * down and right (its predecessors are the cells above and to the left), {@code br} up and left, and so on.
 * A direction is a flip of the image: in its own coordinates every direction scans down and right.
 */
public enum ScanDirection {
    TL(false, false), TR(false, true), BL(true, false), BR(true, true);

    private final boolean flipY;
    private final boolean flipX;

    ScanDirection(boolean flipY, boolean flipX) {
        this.flipY = flipY;
        this.flipX = flipX;
    }

    public boolean flipY() {
        return flipY;
    }

    public boolean flipX() {
        return flipX;
    }

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses directions joined by '+', e.g. {@code tl+br}; each at most once, kept in the enum's order. */
    public static ScanDirection[] parse(String s) {
        boolean[] seen = new boolean[values().length];
        for (String part : s.split("\\+")) {
            ScanDirection d = null;
            for (ScanDirection v : values()) {
                if (v.token().equals(part.trim().toLowerCase(Locale.ROOT))) d = v;
            }
            if (d == null) throw new IllegalArgumentException("unknown scan direction '" + part + "' (tl, tr, bl, br)");
            if (seen[d.ordinal()]) throw new IllegalArgumentException("scan direction " + d.token() + " given twice");
            seen[d.ordinal()] = true;
        }
        List<ScanDirection> out = new ArrayList<>();
        for (ScanDirection v : values()) if (seen[v.ordinal()]) out.add(v);
        return out.toArray(new ScanDirection[0]);
    }

    /** The '+'-joined tokens. */
    public static String format(ScanDirection[] dirs) {
        StringBuilder sb = new StringBuilder();
        for (ScanDirection d : dirs) {
            if (sb.length() > 0) sb.append('+');
            sb.append(d.token());
        }
        return sb.toString();
    }
}
