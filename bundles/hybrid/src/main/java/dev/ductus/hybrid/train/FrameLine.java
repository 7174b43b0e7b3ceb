package dev.ductus.hybrid.train;

/**
 * One line as the frame classifier trains on it: standardised input frames ({@code frames x dimension},
 * row-major), the HMM state target of every frame (null when the line has no alignment), and what decoding
 * and re-alignment need: the transcription as alphabet indices and as text, and the image width.
 */
public record FrameLine(String id, String text, int[] labels, float[] input, int frames, int[] targets,
                        float[] frameX, int imageWidth) implements java.io.Serializable {
    public FrameLine {
        if (targets != null && targets.length != frames) {
            throw new IllegalArgumentException(id + ": " + targets.length + " targets for " + frames + " frames");
        }
        if (frameX.length != frames) throw new IllegalArgumentException(id + ": " + frameX.length + " positions for " + frames + " frames");
    }

    public FrameLine withTargets(int[] newTargets) {
        return new FrameLine(id, text, labels, input, frames, newTargets, frameX, imageWidth);
    }
}
