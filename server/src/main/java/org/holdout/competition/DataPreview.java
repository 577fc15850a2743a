package org.holdout.competition;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.holdout.npy.Npy;
import org.holdout.npy.NpyFormatException;
import org.holdout.npy.NpyHeader;

/**
 * The first images of a bundle's {@code .npy} file as one PNG grid, enlarged to about 84 pixels a side: what the
 * data looks like, before anyone has written a line of numpy. Reads only those images' bytes, not the whole file.
 */
public final class DataPreview {
    private static final int CELL = 84;
    private static final int GAP = 4;

    private DataPreview() {
    }

    /** @return the PNG, {@code perRow} images to a row, at most {@code count} images */
    public static byte[] png(Path npy, int count, int perRow) throws IOException {
        NpyHeader h = Npy.readHeader(npy);
        int[] s = h.shape();
        if (!h.descr().equals("|u1") || (s.length != 3 && s.length != 4)) {
            throw new NpyFormatException(npy, "expected uint8 images N×H×W(×C), found " + h);
        }
        int height = s[1];
        int width = s[2];
        int channels = s.length == 4 ? s[3] : 1;
        int n = (int) Math.min(count, s[0]);
        int image = height * width * channels;
        ByteBuffer bytes = ByteBuffer.allocate(n * image);
        try (FileChannel ch = FileChannel.open(npy)) {
            long at = h.dataOffset();
            while (bytes.hasRemaining()) {
                int read = ch.read(bytes, at + bytes.position());
                if (read < 0) {
                    throw new NpyFormatException(npy, "the file ends inside image " + bytes.position() / image);
                }
            }
        }
        byte[] data = bytes.array();
        int zoom = Math.max(1, CELL / Math.max(height, width));
        int columns = Math.max(1, Math.min(perRow, n));
        int rows = Math.max(1, (n + columns - 1) / columns);
        int cellW = width * zoom + GAP;
        int cellH = height * zoom + GAP;
        BufferedImage out = new BufferedImage(columns * cellW - GAP, rows * cellH - GAP, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.dispose();
        for (int i = 0; i < n; i++) {
            int left = (i % columns) * cellW;
            int top = (i / columns) * cellH;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = i * image + (y * width + x) * channels;
                    int r = data[p] & 0xff;
                    int rgb = channels >= 3 ? r << 16 | (data[p + 1] & 0xff) << 8 | (data[p + 2] & 0xff)
                            : r << 16 | r << 8 | r;
                    for (int dy = 0; dy < zoom; dy++) {
                        for (int dx = 0; dx < zoom; dx++) {
                            out.setRGB(left + x * zoom + dx, top + y * zoom + dy, rgb);
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(out, "png", png);
        return png.toByteArray();
    }
}
