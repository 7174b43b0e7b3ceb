package dev.ductus.features.spec;

import dev.ductus.api.InputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A feature configuration as a string, e.g. {@code handcrafted:w=3,s=3,deltas=1} or
 * {@code pixels:w=4,s=2,h=32}: the kind, then window width {@code w} and shift {@code s} in pixels,
 * {@code deltas} (0, 1 or 2: append regression deltas and delta-deltas) and, for pixels, the row count
 * {@code h} windows are resampled to. Missing keys take defaults; {@link #toString()} gives the canonical
 * form with every key, which models store and compare.
 */
public record FeatureSpec(Kind kind, int width, int shift, int height, int deltas) {
    /** The frame feature families. */
    public enum Kind {
        HANDCRAFTED("handcrafted"),
        PIXELS("pixels");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public FeatureSpec {
        if (width < 1 || shift < 1) throw new IllegalArgumentException("w and s must be >= 1");
        if (deltas < 0 || deltas > 2) throw new IllegalArgumentException("deltas must be 0, 1 or 2");
        if (kind == Kind.PIXELS && height < 1) throw new IllegalArgumentException("h must be >= 1");
        if (kind == Kind.HANDCRAFTED) height = 0;
    }

    public static final String DEFAULT_HANDCRAFTED = "handcrafted:w=3,s=3,deltas=1";

    /**
     * @throws InputException naming the spec and what is wrong with it
     */
    public static FeatureSpec parse(String spec) {
        String source = "feature spec '" + spec + "'";
        if (spec == null || spec.isBlank()) throw new InputException(source, "empty");
        String s = spec.trim();
        int colon = s.indexOf(':');
        String kindId = colon < 0 ? s : s.substring(0, colon);
        Kind kind = null;
        for (Kind k : Kind.values()) if (k.id().equals(kindId.trim())) kind = k;
        if (kind == null) throw new InputException(source, "unknown kind '" + kindId + "' (handcrafted or pixels)");
        Map<String, Integer> values = new LinkedHashMap<>();
        if (colon >= 0 && colon + 1 < s.length()) {
            for (String part : s.substring(colon + 1).split(",")) {
                if (part.isBlank()) continue;
                String[] kv = part.split("=", 2);
                String key = kv[0].trim();
                if (kv.length != 2) throw new InputException(source, "expected key=value, got '" + part + "'");
                boolean known = key.equals("w") || key.equals("s") || key.equals("deltas")
                        || (key.equals("h") && kind == Kind.PIXELS);
                if (!known) throw new InputException(source, "unknown key '" + key + "' for " + kind.id());
                String v = kv[1].trim();
                int value;
                if (key.equals("deltas") && (v.equals("true") || v.equals("false"))) {
                    value = v.equals("true") ? 1 : 0;
                } else {
                    try {
                        value = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new InputException(source, "'" + key + "' must be an integer, got '" + v + "'");
                    }
                }
                if (values.put(key, value) != null) throw new InputException(source, "'" + key + "' given twice");
            }
        }
        boolean pixels = kind == Kind.PIXELS;
        try {
            return new FeatureSpec(kind, values.getOrDefault("w", pixels ? 4 : 3), values.getOrDefault("s", pixels ? 2 : 3),
                    values.getOrDefault("h", pixels ? 32 : 0), values.getOrDefault("deltas", pixels ? 0 : 1));
        } catch (IllegalArgumentException e) {
            throw new InputException(source, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return kind.id() + ":w=" + width + ",s=" + shift + (kind == Kind.PIXELS ? ",h=" + height : "") + ",deltas=" + deltas;
    }
}
