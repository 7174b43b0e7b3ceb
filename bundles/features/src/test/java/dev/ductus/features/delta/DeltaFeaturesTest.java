package dev.ductus.features.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeltaFeaturesTest {
    @Test
    void deltaOfARampIsItsSlopeAwayFromTheEnds() {
        int frames = 8;
        float[] data = new float[frames * 2];
        for (int t = 0; t < frames; t++) {
            data[2 * t] = 3f * t;
            data[2 * t + 1] = 5f;
        }
        float[] out = DeltaFeatures.append(data, frames, 2, 1);
        assertEquals(frames * 4, out.length);
        for (int t = 2; t < frames - 2; t++) {
            assertEquals(3f * t, out[4 * t], 0f);
            assertEquals(3f, out[4 * t + 2], 1e-6);
            assertEquals(0f, out[4 * t + 3], 1e-6);
        }
        // t = 0 repeats frame 0 before the line: (1 * (3 - 0) + 2 * (6 - 0)) / 10
        assertEquals(1.5f, out[2], 1e-6);
    }

    @Test
    void deltaDeltaOfAParabolaIsConstantInside() {
        int frames = 12;
        float[] data = new float[frames];
        for (int t = 0; t < frames; t++) data[t] = t * t;
        float[] out = DeltaFeatures.append(data, frames, 1, 2);
        // delta of t^2 is 2t inside; the delta of 2t is 2
        assertEquals(2f * 5, out[3 * 5 + 1], 1e-5);
        assertEquals(2f, out[3 * 6 + 2], 1e-5);
    }

    @Test
    void orderZeroLeavesDataAlone() {
        float[] data = {1, 2, 3};
        assertEquals(data, DeltaFeatures.append(data, 3, 1, 0));
    }
}
