package dev.ductus.features.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    @Test
    void nonOverlappingWindowsTileTheLine() {
        SlidingWindow w = new SlidingWindow(3, 3);
        assertEquals(4, w.frames(10));
        assertEquals(0, w.start(0));
        assertEquals(9, w.start(3));
        assertArrayEquals(new float[] {1.5f, 4.5f, 7.5f, 10.5f}, w.centres(10));
    }

    @Test
    void overlappingWindowsAreCentredOnTheirShiftCell() {
        SlidingWindow w = new SlidingWindow(4, 2);
        assertEquals(3, w.frames(6));
        assertEquals(-1, w.start(0));
        assertEquals(1, w.start(1));
        assertEquals(1f, w.centre(0));
        assertEquals(3f, w.centre(1));
    }

    @Test
    void aNarrowImageStillHasAFrame() {
        assertEquals(1, new SlidingWindow(8, 4).frames(1));
    }
}
