package org.holdout.grading;

import java.util.List;
import java.util.Locale;

/**
 * The public → private shake-up as an SVG: each student with a rank on both boards is a dot at (public rank, private
 * rank), rank 1 at the top left; dots on the dashed diagonal kept their place, dots above it moved up after the
 * reveal, below it down. Each dot's tooltip names the student and both ranks. Staff only: it holds private ranks.
 */
public final class ShakeUpChart {
    static final int SIZE = 420;
    private static final int MARGIN = 48;

    private ShakeUpChart() {
    }

    /** One student's ranks. */
    public record Point(String name, int publicRank, int privateRank) {
    }

    public static String svg(List<Point> points) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"shakeup\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"public rank against"
                + " private rank\">", SIZE, SIZE, SIZE, SIZE));
        int n = 1;
        for (Point p : points) {
            n = Math.max(n, Math.max(p.publicRank(), p.privateRank()));
        }
        double plot = SIZE - 2.0 * MARGIN;
        int lo = MARGIN;
        int hi = SIZE - MARGIN;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"white\""
                + " stroke=\"#ced4da\"/>", lo, lo, plot, plot));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#868e96\""
                + " stroke-dasharray=\"6 4\"/>", lo, lo, hi, hi));
        sb.append(text(SIZE / 2.0, SIZE - 10, "middle", "public rank"));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\""
                + " transform=\"rotate(-90 14 %d)\">private rank</text>", SIZE / 2, SIZE / 2));
        for (int tick : ticks(n)) {
            double at = position(tick, n, plot) + lo;
            sb.append(text(at, hi + 16, "middle", Integer.toString(tick)));
            sb.append(text(lo - 6, at + 4, "end", Integer.toString(tick)));
        }
        if (points.isEmpty()) {
            sb.append(text(SIZE / 2.0, SIZE / 2.0, "middle", "no student has a rank on both boards yet"));
        }
        for (Point p : points) {
            double x = lo + position(p.publicRank(), n, plot);
            double y = lo + position(p.privateRank(), n, plot);
            String colour = p.privateRank() < p.publicRank() ? "#2b8a3e"
                    : p.privateRank() > p.publicRank() ? "#c92a2a" : "#495057";
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\""
                    + " fill-opacity=\"0.8\"><title>%s: public #%d, private #%d</title></circle>", x, y, colour,
                    escape(p.name()), p.publicRank(), p.privateRank()));
        }
        return sb.append("</svg>").toString();
    }

    /** Where rank {@code r} of {@code n} sits along an axis {@code plot} long: rank 1 at the start, n at the end. */
    private static double position(int r, int n, double plot) {
        return n == 1 ? plot / 2 : (r - 1) * plot / (n - 1);
    }

    private static List<Integer> ticks(int n) {
        if (n <= 10) {
            return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
        }
        int step = (int) Math.ceil(n / 5.0);
        List<Integer> t = new java.util.ArrayList<>(List.of(1));
        for (int r = step; r < n; r += step) {
            t.add(r);
        }
        t.add(n);
        return t;
    }

    private static String text(double x, double y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\">%s</text>",
                x, y, anchor, escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
