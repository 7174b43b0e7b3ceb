package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
    @Test
    void labelsEightConnectedComponents() {
        String[] rows = {
            "#..##",
            ".#..#",
            "....#",
            "##...",
            "#...#"};
        ConnectedComponents cc = ConnectedComponents.label(mask(rows));
        // the diagonal pair is one component (8-connectivity); the L on the right, the block bottom-left, the dot
        assertEquals(4, cc.count());
        int[] l = cc.labels();
        assertEquals(l[0], l[6]);
        assertEquals(l[3], l[14]);
        assertNotEquals(l[0], l[3]);
        int block = l[15];
        assertEquals(3, cc.size(block));
        assertEquals(0, cc.minX(block));
        assertEquals(3, cc.minY(block));
        assertEquals(1, cc.maxX(block));
        assertEquals(4, cc.maxY(block));
        assertEquals(2, cc.heightOf(block));
        assertEquals(1, cc.size(l[24]));
        assertEquals(0, l[1]);
    }

    @Test
    void aLongSnakeDoesNotOverflowTheStack() {
        int w = 300;
        int h = 300;
        boolean[] ink = new boolean[w * h];
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x++) ink[y * w + x] = true;
            if (y + 1 < h) ink[(y + 1) * w + ((y / 2) % 2 == 0 ? w - 1 : 0)] = true;
        }
        ConnectedComponents cc = ConnectedComponents.label(new InkMask(w, h, ink));
        assertEquals(1, cc.count());
    }

    static InkMask mask(String[] rows) {
        int w = rows[0].length();
        boolean[] ink = new boolean[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) ink[y * w + x] = rows[y].charAt(x) == '#';
        }
        return new InkMask(w, rows.length, ink);
    }
}
