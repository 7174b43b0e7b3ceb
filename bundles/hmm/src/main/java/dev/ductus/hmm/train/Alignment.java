package dev.ductus.hmm.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The best path of a line model through a line's frames: the global HMM state of every frame (what the
 * hybrid models train their networks on), the line-model state behind it, and the path's log score.
 */
public record Alignment(String id, int[] globalStates, int[] lineStates, int[] units, int[] unitSymbols,
                        double logScore) {
    /** One symbol occurrence on the path: the frames [t0, t1) its model covered. */
    public record Segment(int unit, int symbol, int t0, int t1) {
    }

    public int frames() {
        return globalStates.length;
    }

    /** The symbols the path visited with their frames, in order (skipped optional spaces do not appear). */
    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        int start = 0;
        for (int t = 1; t <= units.length; t++) {
            if (t == units.length || units[t] != units[start]) {
                out.add(new Segment(units[start], unitSymbols[start], start, t));
                start = t;
            }
        }
        return out;
    }
}
