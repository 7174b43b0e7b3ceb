package dev.ductus.api.image;

import dev.ductus.api.Box;

/** One text line found in a page: its bounding box in the page and its own image. */
public record LineRegion(int index, Box box, GrayImage image) {
}
