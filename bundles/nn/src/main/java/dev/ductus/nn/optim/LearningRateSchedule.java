package dev.ductus.nn.optim;

/**
 * The learning rate as a function of the update step and epoch. Parsed from a string:
 * {@code constant}, {@code step:EPOCHS:FACTOR} (multiply by FACTOR every EPOCHS epochs),
 * {@code exp:GAMMA} (multiply by GAMMA every epoch), {@code cosine:STEPS[:MIN_FRACTION]} (cosine decay over
 * STEPS updates); any of them with {@code +warmup:STEPS} (linear ramp over the first STEPS updates).
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The factor applied to the base rate at this step (counted from 0) and epoch (counted from 0). */
    double factor(long step, int epoch);

    static LearningRateSchedule constant() {
        return (s, e) -> 1;
    }

    /**
     * A linear warm-up: {@code (step + 1) / steps} up to 1 at step {@code steps - 1} (1 throughout when steps is
     * 0 or less; 0 before step 0).
     */
    static double warmup(long step, long steps) {
        if (step < 0) return 0;
        return Math.min(1.0, (step + 1.0) / Math.max(1, steps));
    }

    static LearningRateSchedule parse(String text) {
        String[] parts = text.trim().split("\\+");
        LearningRateSchedule base = single(parts[0].trim());
        for (int i = 1; i < parts.length; i++) {
            String w = parts[i].trim();
            if (!w.startsWith("warmup:")) throw new IllegalArgumentException("unknown schedule modifier '" + w + "'");
            long steps = Long.parseLong(w.substring(7));
            LearningRateSchedule inner = base;
            base = (s, e) -> inner.factor(s, e) * warmup(s, steps);
        }
        return base;
    }

    private static LearningRateSchedule single(String s) {
        String[] f = s.split(":");
        try {
            switch (f[0]) {
                case "constant":
                    return constant();
                case "step": {
                    int every = Integer.parseInt(f[1]);
                    double factor = Double.parseDouble(f[2]);
                    return (st, e) -> Math.pow(factor, e / every);
                }
                case "exp": {
                    double gamma = Double.parseDouble(f[1]);
                    return (st, e) -> Math.pow(gamma, e);
                }
                case "cosine": {
                    long total = Long.parseLong(f[1]);
                    double min = f.length > 2 ? Double.parseDouble(f[2]) : 0;
                    return (st, e) -> min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (double) st / total)));
                }
                default:
                    throw new IllegalArgumentException("unknown schedule '" + s + "' (constant, step:E:F, exp:G, cosine:S[:MIN])");
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("bad schedule '" + s + "'", e);
        }
    }
}
