package dev.ductus.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's learning curve as its trainer records it in the {@code curve} fact: space-separated points
 * {@code EPOCH:LOSS:CER:SECONDS}, e.g. {@code 1:2.3127:0.41230:610 2:1.1020:0.21000:1222}. CER is a fraction of
 * 1; LOSS or CER may be {@code NaN} (no batch counted, no validation set); SECONDS is the training time when the
 * epoch ended. A point that does not parse is dropped rather than failing a report over it.
 */
public record LearningCurve(List<Point> points) {
    /** The fact a trainer records the curve in. */
    public static final String FACT = "curve";

    /** One epoch's mean training loss, validation CER (fraction) and the training seconds when it ended. */
    public record Point(int epoch, double loss, double cer, double seconds) {
    }

    public LearningCurve {
        points = List.copyOf(points);
    }

    /** The curve in a model's facts; empty when it has none (trained before curves were recorded). */
    public static LearningCurve of(Map<String, String> facts) {
        return parse(facts.getOrDefault(FACT, ""));
    }

    public static LearningCurve parse(String fact) {
        List<Point> points = new ArrayList<>();
        for (String token : fact.trim().split("\\s+")) {
            String[] f = token.split(":");
            if (f.length != 4) continue;
            try {
                points.add(new Point(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])));
            } catch (NumberFormatException malformed) {
                // a point another version wrote differently: leave it out
            }
        }
        return new LearningCurve(points);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The last epoch recorded (how many epochs ran), or 0 for an empty curve. */
    public int lastEpoch() {
        return points.stream().mapToInt(Point::epoch).max().orElse(0);
    }
}
