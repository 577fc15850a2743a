package org.holdout.submission;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A student's public scores in the order of their submissions, their best so far, and the baselines' public scores
 * as the lines to beat. Only public numbers go in: it is drawn from what the student's own pages already show.
 */
public final class ScoreChart {
    private static final Color SCORE = new Color(0x3b5bdb);
    private static final Color BEST = new Color(0xb2f2bb);
    /** One colour per baseline, lightest to darkest from simple to boss, so a line can be told by its colour. */
    private static final Map<String, Color> BASELINES = Map.of("simple", new Color(0x868e96), "medium",
            new Color(0xd9a300), "strong", new Color(0xe8590c), "boss", new Color(0xae3ec9));

    private ScoreChart() {
    }

    /**
     * @param publicScores the public score of each scored submission, oldest first
     * @param baselines    baseline name → public score, simple to boss
     */
    public static byte[] png(List<Double> publicScores, Map<String, Double> baselines, Size size) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(size.width).height(size.height).xAxisTitle("scored submission")
                .yAxisTitle("public score").build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        // on a phone the legend goes under the plot, so the picture is not shrunk to fit a wide one beside it
        s.setLegendPosition(size == Size.PHONE ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(Color.WHITE);
        s.setDecimalPattern("0.000");
        s.setXAxisDecimalPattern("0");

        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < publicScores.size(); i++) {
            double v = publicScores.get(i);
            xs.add(i + 1.0);
            ys.add(v);
            top = Math.max(top, v);
            best.add(top);
        }
        double first = 1;
        double last = Math.max(2, xs.size());
        List<Map.Entry<String, Double>> lines = new ArrayList<>(baselines.entrySet());
        // listed from the top line down, as they lie in the plot
        for (int i = lines.size() - 1; i >= 0; i--) {
            Map.Entry<String, Double> b = lines.get(i);
            if (b.getValue() == null) {
                continue;
            }
            XYSeries line = chart.addSeries(b.getKey() + " " + String.format(java.util.Locale.ROOT, "%.5f",
                    b.getValue()), List.of(first, last), List.of(b.getValue(), b.getValue()));
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(BASELINES.getOrDefault(b.getKey(), Color.GRAY));
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        if (!xs.isEmpty()) {
            XYSeries bestSoFar = chart.addSeries("your best", xs, best);
            bestSoFar.setMarker(SeriesMarkers.NONE);
            bestSoFar.setLineColor(BEST);
            bestSoFar.setLineStyle(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            XYSeries mine = chart.addSeries("your scores", xs, ys);
            mine.setMarker(SeriesMarkers.CIRCLE);
            mine.setMarkerColor(SCORE);
            mine.setLineColor(SCORE);
            mine.setLineStyle(new BasicStroke(1.5f));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The wide picture beside its legend, or a narrow one with the legend below, for a phone. */
    public enum Size {
        WIDE(720, 320), PHONE(400, 440);

        public final int width;
        public final int height;

        Size(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }
}
