package dev.ductus.data.synth;

import java.util.SplittableRandom;

/**
 * How one line is written, drawn at random per line: body size, slant, a wavy and tilted baseline, per-glyph
 * jitter of baseline, rotation, scale and spacing, pen width and its variation, elastic distortion, and the
 * paper and ink. {@code strength} scales every distortion (0 = clean, 1 = the default look).
 */
public record WritingStyle(double xHeight, double shear, double lineAngle, double waveAmplitude, double wavePeriod,
                           double wavePhase, double baselineJitter, double rotationJitter, double scaleJitter,
                           double spacingJitter, double wordSpacing, double penWidth, double penJitter,
                           double elasticAlpha, double elasticCell, PaperAndInk paper) {

    public static WritingStyle clean(double xHeight) {
        return new WritingStyle(xHeight, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, PaperAndInk.CLEAN);
    }

    public static WritingStyle sample(SplittableRandom r, double strength) {
        double xHeight = PaperAndInk.between(r, 14, 21);
        if (strength <= 0) return clean(xHeight);
        double s = strength;
        return new WritingStyle(
                xHeight,
                Math.tan(Math.toRadians(PaperAndInk.between(r, -14, 20) * s)),
                Math.toRadians(PaperAndInk.between(r, -1.5, 1.5) * s),
                PaperAndInk.between(r, 0, 0.18) * xHeight * s,
                PaperAndInk.between(r, 6, 20) * xHeight,
                r.nextDouble() * 2 * Math.PI,
                PaperAndInk.between(r, 0.03, 0.10) * xHeight * s,
                Math.toRadians(PaperAndInk.between(r, 2, 7) * s),
                PaperAndInk.between(r, 0.04, 0.12) * s,
                PaperAndInk.between(r, 0.02, 0.09) * xHeight * s,
                PaperAndInk.between(r, 0.05, 0.45) * xHeight * s,
                PaperAndInk.between(r, -0.6, 1.6) * s,
                PaperAndInk.between(r, 0.1, 0.6) * s,
                PaperAndInk.between(r, 0.8, 2.6) * s,
                PaperAndInk.between(r, 7, 14),
                PaperAndInk.sample(r, s));
    }

    /** The same writer on another line: the size and pen stay, slant and baseline vary a little. */
    public WritingStyle nextLine(SplittableRandom r) {
        return new WritingStyle(xHeight * PaperAndInk.between(r, 0.96, 1.04), shear + 0.03 * (2 * r.nextDouble() - 1),
                lineAngle * 0.5 + Math.toRadians(0.8 * (2 * r.nextDouble() - 1)) * Math.signum(Math.abs(elasticAlpha)),
                waveAmplitude, wavePeriod, r.nextDouble() * 2 * Math.PI, baselineJitter, rotationJitter, scaleJitter,
                spacingJitter, wordSpacing, penWidth, penJitter, elasticAlpha, elasticCell, paper);
    }
}
