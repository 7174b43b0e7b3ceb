package dev.ductus.image.preprocess;

/**
 * 8-connected components of the ink of a mask: a label per pixel (0 for paper, 1..count for ink) with each
 * component's pixel count and bounding box; optionally only pixels of the same group connect. Labelled by flood fill with an explicit stack, so a page-sized
 * stroke cannot overflow the call stack.
 */
public final class ConnectedComponents {
    private final int width;
    private final int height;
    private final int[] labels;
    private final int count;
    private final int[] size;
    private final int[] minX;
    private final int[] minY;
    private final int[] maxX;
    private final int[] maxY;

    private ConnectedComponents(int width, int height, int[] labels, int count, int[] size, int[] minX, int[] minY,
                                int[] maxX, int[] maxY) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.count = count;
        this.size = size;
        this.minX = minX;
        this.minY = minY;
        this.maxX = maxX;
        this.maxY = maxY;
    }

    public static ConnectedComponents label(InkMask mask) {
        return label(mask, null);
    }

    /**
     * Components whose pixels also share a group number: neighbouring ink pixels of different groups stay apart.
     * Used to cut a component into its pieces on either side of a line boundary. A null group joins all ink.
     */
    public static ConnectedComponents label(InkMask mask, int[] group) {
        int w = mask.width();
        int h = mask.height();
        boolean[] ink = mask.flags();
        int[] labels = new int[w * h];
        IntList size = new IntList();
        IntList minX = new IntList();
        IntList minY = new IntList();
        IntList maxX = new IntList();
        IntList maxY = new IntList();
        size.add(0);
        minX.add(0);
        minY.add(0);
        maxX.add(0);
        maxY.add(0);
        int[] stack = new int[64];
        int next = 1;
        for (int start = 0; start < labels.length; start++) {
            if (!ink[start] || labels[start] != 0) continue;
            int label = next++;
            int n = 0;
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            int top = 0;
            stack[top++] = start;
            labels[start] = label;
            while (top > 0) {
                int p = stack[--top];
                int px = p % w;
                int py = p / w;
                n++;
                if (px < x0) x0 = px;
                if (px > x1) x1 = px;
                if (py < y0) y0 = py;
                if (py > y1) y1 = py;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= h) continue;
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= w) continue;
                        int q = ny * w + nx;
                        if (ink[q] && labels[q] == 0 && (group == null || group[q] == group[p])) {
                            labels[q] = label;
                            if (top == stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                            stack[top++] = q;
                        }
                    }
                }
            }
            size.add(n);
            minX.add(x0);
            minY.add(y0);
            maxX.add(x1);
            maxY.add(y1);
        }
        return new ConnectedComponents(w, h, labels, next - 1, size.toArray(), minX.toArray(), minY.toArray(),
                maxX.toArray(), maxY.toArray());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Number of components; labels run from 1 to this. */
    public int count() {
        return count;
    }

    /** The label of each pixel, row-major, 0 for paper; read only. */
    public int[] labels() {
        return labels;
    }

    public int size(int label) {
        return size[label];
    }

    public int minX(int label) {
        return minX[label];
    }

    public int minY(int label) {
        return minY[label];
    }

    public int maxX(int label) {
        return maxX[label];
    }

    public int maxY(int label) {
        return maxY[label];
    }

    public int heightOf(int label) {
        return maxY[label] - minY[label] + 1;
    }

    /** A growable int array: the labeller does not know the component count in advance. */
    private static final class IntList {
        private int[] data = new int[256];
        private int n;

        void add(int v) {
            if (n == data.length) data = java.util.Arrays.copyOf(data, n * 2);
            data[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, n);
        }
    }
}
