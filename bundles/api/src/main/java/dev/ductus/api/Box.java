package dev.ductus.api;

/** An axis-aligned rectangle in pixel coordinates: (x, y) is the top-left corner. */
public record Box(int x, int y, int width, int height) {
    public Box {
        if (width < 0 || height < 0) throw new IllegalArgumentException("negative box size " + width + "x" + height);
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    /** Intersection over union with another box, 0 when they do not overlap. */
    public double iou(Box o) {
        int ix = Math.max(0, Math.min(right(), o.right()) - Math.max(x, o.x));
        int iy = Math.max(0, Math.min(bottom(), o.bottom()) - Math.max(y, o.y));
        double inter = (double) ix * iy;
        double union = (double) width * height + (double) o.width * o.height - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
