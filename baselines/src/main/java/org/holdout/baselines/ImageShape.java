package org.holdout.baselines;

/** Height, width and channels of one image, as in the bundle (N×H×W×C). */
public record ImageShape(int height, int width, int channels) {

    public ImageShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad image shape " + height + "x" + width + "x" + channels);
        }
    }

    /** Parses {@code H,W,C} (or {@code HxWxC}). */
    public static ImageShape parse(String s) {
        String[] p = s.trim().split("\\s*[,xX×]\\s*");
        if (p.length != 3) {
            throw new IllegalArgumentException("shape \"" + s + "\" is not H,W,C");
        }
        return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    public int pixels() {
        return height * width * channels;
    }

    /** Side the conv models see: three stride-2 layers need a multiple of 8 (28 → 32, as the reference). */
    public int paddedHeight() {
        return (height + 7) / 8 * 8;
    }

    public int paddedWidth() {
        return (width + 7) / 8 * 8;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
