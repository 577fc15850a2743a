package org.holdout.bundle;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.holdout.npy.UInt8Array;

/**
 * Builds a bundle from folders of images: {@code train/normal/}, {@code test/normal/}, {@code test/abnormal/}
 * (anything javax.imageio reads: PNG, JPEG, BMP, GIF). Every image is resized (bilinear) to one shape, the first
 * training image's unless given, and converted to 1 or 3 channels. Files are taken in name order.
 */
public final class ImageFolders {
    public static final List<String> CLASS_NAMES = List.of("normal", "abnormal");

    private ImageFolders() {
    }

    /** {@code height}/{@code width}/{@code channels} 0 mean "as the first training image". */
    public record Options(Path root, int height, int width, int channels, long seed, double publicFraction, String name) {
        public Options {
            if (channels != 0 && channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
            if (height < 0 || width < 0 || (height == 0) != (width == 0)) throw new IllegalArgumentException("size must be HxW with H, W > 0");
        }
    }

    public static BundleContents build(Options o, Progress progress) throws IOException {
        List<Path> train = list(o.root(), "train/normal");
        List<Path> testNormal = list(o.root(), "test/normal");
        List<Path> testAbnormal = list(o.root(), "test/abnormal");
        if (train.isEmpty()) throw new BundleException(o.root().resolve("train/normal") + ": holds no images");
        progress.expect(train.size() + testNormal.size() + testAbnormal.size());
        BufferedImage first = decode(train.get(0));
        int h = o.height() > 0 ? o.height() : first.getHeight();
        int w = o.width() > 0 ? o.width() : first.getWidth();
        int c = o.channels() > 0 ? o.channels() : (isGray(first) ? 1 : 3);
        UInt8Array trainImages = load(train, h, w, c, progress);
        List<Path> test = new ArrayList<>(testNormal);
        test.addAll(testAbnormal);
        UInt8Array testImages = load(test, h, w, c, progress);
        int[] testClasses = new int[test.size()];
        for (int i = testNormal.size(); i < testClasses.length; i++) {
            testClasses[i] = 1;
        }
        String name = o.name() != null ? o.name() : "images";
        BundleAssembly.Design design = new BundleAssembly.Design(name, "images: " + o.root().getFileName(), o.seed(),
                CLASS_NAMES, List.of(0), o.publicFraction(), false, null);
        return BundleAssembly.assemble(design, trainImages, new int[train.size()], testImages, testClasses, true);
    }

    private static List<Path> list(Path root, String sub) throws IOException {
        Path dir = root.resolve(sub);
        if (!Files.isDirectory(dir)) {
            throw new BundleException(dir + ": missing; an image-folder source needs train/normal/, test/normal/ and test/abnormal/");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
    }

    private static UInt8Array load(List<Path> files, int h, int w, int c, Progress progress) throws IOException {
        int item = h * w * c;
        byte[] data = new byte[Math.multiplyExact(files.size(), item)];
        for (int i = 0; i < files.size(); i++) {
            int[] pixels = resize(pixels(decode(files.get(i)), c), h, w, c);
            for (int k = 0; k < item; k++) {
                data[i * item + k] = (byte) pixels[k];
            }
            progress.add(1);
        }
        return new UInt8Array(new int[] {files.size(), h, w, c}, data);
    }

    private static BufferedImage decode(Path file) throws BundleException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file + ": cannot be decoded as an image (" + e.getMessage() + ")");
        }
        if (image == null) throw new BundleException(file + ": not an image javax.imageio can read (PNG, JPEG, BMP, GIF)");
        return image;
    }

    private static boolean isGray(BufferedImage image) {
        return image.getRaster().getNumBands() == 1 && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /** H×W×C values 0..255; gray images are read from the raster, as getRGB would gamma-correct them. */
    private static Decoded pixels(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        int[] out = new int[h * w * channels];
        Raster raster = image.getRaster();
        boolean gray = isGray(image);
        int shift = raster.getSampleModel().getSampleSize(0) - 8;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = (y * w + x) * channels;
                if (gray) {
                    int v = shift > 0 ? raster.getSample(x, y, 0) >> shift : raster.getSample(x, y, 0);
                    for (int k = 0; k < channels; k++) out[at + k] = v;
                } else {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xFF;
                    int g = (rgb >> 8) & 0xFF;
                    int b = rgb & 0xFF;
                    if (channels == 1) {
                        out[at] = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                    } else {
                        out[at] = r;
                        out[at + 1] = g;
                        out[at + 2] = b;
                    }
                }
            }
        }
        return new Decoded(out, h, w);
    }

    private record Decoded(int[] values, int height, int width) {
    }

    /** Bilinear resampling with pixel centres aligned (as OpenCV's INTER_LINEAR). */
    private static int[] resize(Decoded src, int h, int w, int c) {
        if (src.height() == h && src.width() == w) return src.values();
        int[] out = new int[h * w * c];
        double sy = (double) src.height() / h;
        double sx = (double) src.width() / w;
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(src.height() - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, src.height() - 1);
            double dy = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(src.width() - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, src.width() - 1);
                double dx = fx - x0;
                for (int k = 0; k < c; k++) {
                    double top = src.values()[(y0 * src.width() + x0) * c + k] * (1 - dx) + src.values()[(y0 * src.width() + x1) * c + k] * dx;
                    double bottom = src.values()[(y1 * src.width() + x0) * c + k] * (1 - dx) + src.values()[(y1 * src.width() + x1) * c + k] * dx;
                    out[(y * w + x) * c + k] = (int) Math.round(top * (1 - dy) + bottom * dy);
                }
            }
        }
        return out;
    }
}
