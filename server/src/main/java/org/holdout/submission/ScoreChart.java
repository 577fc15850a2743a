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
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The score charts, as PNG pictures drawn on the server: a student's public scores in the order of their submissions,
 * their best so far, and the baselines' public scores as the lines to beat (only public numbers go in: it is drawn from
 * what the student's own pages already show); and for staff watching a competition, uploads per day and the board's
 * best public score over time against the same lines.
 */
public final class ScoreChart {
    private static final Color SCORE = new Color(0x3b5bdb);
    private static final Color BEST = new Color(0xb2f2bb);
    private static final Color REFUSED = new Color(0xe03131);
    /** One colour per baseline, lightest to darkest from simple to boss, so a line can be told by its colour. */
    private static final Map<String, Color> BASELINES = Map.of("simple", new Color(0x868e96), "medium",
            new Color(0xd9a300), "strong", new Color(0xe8590c), "boss", new Color(0xae3ec9));

    private ScoreChart() {
    }

    /** The words of a student's chart: the axes' titles and the legend of their own two series. */
    public record Words(String xAxis, String yAxis, String best, String scores) {
        public static final Words ENGLISH = new Words("scored submission", "public score", "your best", "your scores");

        /** These words if the chart's font can draw them all (a server without CJK fonts), else English. */
        Words drawable() {
            java.awt.Font f = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12);
            return f.canDisplayUpTo(xAxis + yAxis + best + scores) == -1 ? this : ENGLISH;
        }
    }

    public static byte[] png(List<Double> publicScores, Map<String, Double> baselines, Size size) {
        return png(publicScores, baselines, size, Words.ENGLISH);
    }

    /**
     * @param publicScores the public score of each scored submission, oldest first
     * @param baselines    baseline name → public score, simple to boss
     * @param words        the chart's words in the student's language
     */
    public static byte[] png(List<Double> publicScores, Map<String, Double> baselines, Size size, Words words) {
        System.setProperty("java.awt.headless", "true");
        Words w = words.drawable();
        XYChart chart = new XYChartBuilder().width(size.width).height(size.height).xAxisTitle(w.xAxis())
                .yAxisTitle(w.yAxis()).build();
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
        thresholdLines(chart, baselines, 1, Math.max(2, xs.size()));
        if (!xs.isEmpty()) {
            XYSeries bestSoFar = chart.addSeries(w.best(), xs, best);
            bestSoFar.setMarker(SeriesMarkers.NONE);
            bestSoFar.setLineColor(BEST);
            bestSoFar.setLineStyle(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            XYSeries mine = chart.addSeries(w.scores(), xs, ys);
            mine.setMarker(SeriesMarkers.CIRCLE);
            mine.setMarkerColor(SCORE);
            mine.setLineColor(SCORE);
            mine.setLineStyle(new BasicStroke(1.5f));
        }
        return png(chart);
    }

    /** A dashed line across [{@code first}, {@code last}] per threshold with a score, listed from the top one down. */
    private static void thresholdLines(XYChart chart, Map<String, Double> thresholds, double first, double last) {
        List<Map.Entry<String, Double>> lines = new ArrayList<>(thresholds.entrySet());
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
    }

    /**
     * The public board's best score over time (a step line: it holds until the next rise) against the thresholds'
     * public scores, for staff watching a competition.
     *
     * @param days   when each point was reached, in days since the chart's day 0
     * @param best   the board's top public score from then on
     * @param xTitle what day 0 is
     */
    public static byte[] bestOverTime(List<Double> days, List<Double> best, Map<String, Double> thresholds,
                                      String xTitle, Size size) {
        XYChart chart = styled(new XYChartBuilder().width(size.width).height(size.height).xAxisTitle(xTitle)
                .yAxisTitle("public score").build(), size);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            if (i > 0) {
                xs.add(days.get(i));
                ys.add(best.get(i - 1));
            }
            xs.add(days.get(i));
            ys.add(best.get(i));
        }
        double first = days.isEmpty() ? 0 : Math.floor(days.get(0));
        double last = days.isEmpty() ? 1 : Math.max(first + 1, Math.ceil(days.get(days.size() - 1)));
        thresholdLines(chart, thresholds, first, last);
        if (!xs.isEmpty()) {
            XYSeries top = chart.addSeries("best public score", xs, ys);
            top.setMarker(SeriesMarkers.NONE);
            top.setLineColor(SCORE);
            top.setLineStyle(new BasicStroke(2.5f));
        }
        return png(chart);
    }

    /** Uploads per calendar day as stacked bars: scored, and refused or failed. */
    public static byte[] uploadsPerDay(List<String> days, List<Integer> scored, List<Integer> notScored, Size size) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(size.width).height(size.height).xAxisTitle("day")
                .yAxisTitle("uploads").build();
        CategoryStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(size == Size.PHONE ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setStacked(true);
        s.setOverlapped(false);
        s.setYAxisDecimalPattern("0");
        s.setXAxisLabelRotation(days.size() > 10 ? 90 : 0);
        List<String> x = days.isEmpty() ? List.of("none") : days;
        CategorySeries ok = chart.addSeries("scored", x, days.isEmpty() ? List.of(0) : scored);
        ok.setFillColor(SCORE);
        CategorySeries bad = chart.addSeries("refused or failed", x, days.isEmpty() ? List.of(0) : notScored);
        bad.setFillColor(REFUSED);
        return png(chart);
    }

    /**
     * A submission's own Predicted values as bars, one per bin, labelled by the bin's middle; the only words on it are
     * the file's column name, so it reads the same in every language (the page says what it shows).
     */
    public static byte[] histogram(HistogramRules.Histogram h, Size size) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(size.width).height(size.height / 2 + 60)
                .xAxisTitle("Predicted").yAxisTitle("Ids").build();
        CategoryStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendVisible(false);
        s.setOverlapped(false);
        s.setAvailableSpaceFill(0.96);
        s.setYAxisDecimalPattern("0");
        s.setXAxisMaxLabelCount(size == Size.PHONE ? 4 : 6);
        int[] counts = h.counts();
        List<String> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            x.add(String.format(java.util.Locale.ROOT, "%.4g", h.centre(i)));
            y.add(counts[i]);
        }
        if (x.isEmpty()) {
            x.add("none");
            y.add(0);
        }
        CategorySeries bars = chart.addSeries("Ids", x, y);
        bars.setFillColor(SCORE);
        return png(chart);
    }

    private static XYChart styled(XYChart chart, Size size) {
        System.setProperty("java.awt.headless", "true");
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(size == Size.PHONE ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(Color.WHITE);
        s.setDecimalPattern("0.000");
        return chart;
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
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
