package org.holdout.baselines;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two PNGs of a training run: loss per epoch, and the most and least anomalous test images. */
final class Charts {
    private static final int ZOOM = 3;

    private Charts() {
    }

    static Path trainingCurve(Path file, Tier tier, double[] losses) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(640).height(400)
                .title(tier.id() + " baseline: training loss").xAxisTitle("epoch").yAxisTitle("reconstruction MSE").build();
        double[] epochs = IntStream.rangeClosed(1, losses.length).asDoubleStream().toArray();
        chart.addSeries("train", epochs, losses);
        chart.getStyler().setLegendVisible(false);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    /**
     * Two rows of the {@code k} highest-scoring test images over their reconstructions, then the same for the
     * {@code k} lowest-scoring ones.
     */
    static Path reconstructionGrid(Path file, BaselineModel model, INDArray images, double[] scores, ImageShape shape,
                                   int k) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int n = scores.length;
        k = Math.min(k, n);
        int[] byScore = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> -scores[i]))
                .mapToInt(Integer::intValue).toArray();
        int[] top = java.util.Arrays.copyOfRange(byScore, 0, k);
        int[] bottom = java.util.Arrays.copyOfRange(byScore, n - k, n);
        int h = images.rank() == 4 ? (int) images.size(2) : shape.height();
        int w = images.rank() == 4 ? (int) images.size(3) : shape.width();
        int label = 18;
        int cell = Math.max(h, w) * ZOOM + 4;
        BufferedImage out = new BufferedImage(Math.max(k * cell, 260), 2 * (label + 2 * cell), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = 0;
        for (int[] group : new int[][] {top, bottom}) {
            g.drawString(group == top ? "highest anomaly score (top: image, below: reconstruction)"
                    : "lowest anomaly score", 4, y + 13);
            INDArray originals = pick(images, group);
            INDArray recon = model.reconstruct(originals);
            for (int i = 0; i < group.length; i++) {
                draw(out, originals, i, shape, h, w, i * cell + 2, y + label + 2);
                draw(out, recon, i, shape, h, w, i * cell + 2, y + label + cell + 2);
            }
            y += label + 2 * cell;
        }
        g.dispose();
        ImageIO.write(out, "png", file.toFile());
        return file;
    }

    private static INDArray pick(INDArray images, int[] rows) {
        long[] shape = images.shape().clone();
        INDArray flat = images.reshape('c', shape[0], images.length() / shape[0]);
        shape[0] = rows.length;
        return Nd4j.pullRows(flat, 1, rows).reshape('c', shape);
    }

    /** Flat rows hold H·W·C values in H, W, C order; 4-d arrays are N×C×H×W. */
    private static void draw(BufferedImage out, INDArray a, int row, ImageShape shape, int h, int w, int x0, int y0) {
        int c = shape.channels();
        float[] v = a.rank() == 4 ? a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(row)).dup('c').ravel().toFloatVector()
                : a.getRow(row).dup('c').toFloatVector();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] rgb = new int[3];
                for (int ch = 0; ch < 3; ch++) {
                    int src = Math.min(ch, c - 1);
                    float f = a.rank() == 4 ? v[(src * h + y) * w + x] : v[(y * w + x) * c + src];
                    rgb[ch] = Math.max(0, Math.min(255, Math.round((f + 1) * 127.5f)));
                }
                int color = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
                for (int dy = 0; dy < ZOOM; dy++) {
                    for (int dx = 0; dx < ZOOM; dx++) {
                        out.setRGB(x0 + x * ZOOM + dx, y0 + y * ZOOM + dy, color);
                    }
                }
            }
        }
    }
}
