package org.barebones.store.bench;

import java.util.List;
import java.util.Locale;

/**
 * A line chart of throughput against concurrency as a self-contained SVG: x on a log2 scale (the
 * connection counts), y linear from 0, one polyline with markers per series, axes, grid and legend.
 */
final class SvgChart {

  /** One line: a name and one y value per x. */
  record Series(String name, double[] values) {}

  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
  private static final int WIDTH = 720;
  private static final int HEIGHT = 440;
  private static final int LEFT = 80;
  private static final int RIGHT = 200;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  private SvgChart() {}

  static String render(String title, String xLabel, String yLabel, int[] xs, List<Series> series) {
    double max = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        if (Double.isFinite(v)) {
          max = Math.max(max, v);
        }
      }
    }
    double step = niceStep(max <= 0 ? 1 : max / 5);
    double yMax = Math.max(step, Math.ceil(max / step) * step);
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    double xMin = log2(xs[0]);
    double xMax = log2(xs[xs.length - 1]);
    double xSpan = Math.max(1e-9, xMax - xMin);

    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append(
            String.format(
                Locale.ROOT,
                "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
                WIDTH,
                HEIGHT))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"28\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT,
                escape(title)));
    // grid and y ticks
    for (double y = 0; y <= yMax + step / 2; y += step) {
      double py = TOP + plotHeight - y / yMax * plotHeight;
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                  LEFT,
                  py,
                  LEFT + plotWidth,
                  py))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                  LEFT - 8,
                  py + 4,
                  format(y)));
    }
    // x ticks
    for (int x : xs) {
      double px = LEFT + (log2(x) - xMin) / xSpan * plotWidth;
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n",
                  px,
                  TOP,
                  px,
                  TOP + plotHeight))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                  px,
                  TOP + plotHeight + 18,
                  x));
    }
    // axes and labels
    svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT,
                TOP + plotHeight,
                LEFT + plotWidth,
                TOP + plotHeight))
        .append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT,
                TOP,
                LEFT,
                TOP + plotHeight))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2,
                HEIGHT - 18,
                escape(xLabel)))
        .append(
            String.format(
                Locale.ROOT,
                "<text transform=\"translate(18 %d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                TOP + plotHeight / 2,
                escape(yLabel)));
    // series
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String color = COLORS[i % COLORS.length];
      StringBuilder points = new StringBuilder();
      StringBuilder markers = new StringBuilder();
      for (int k = 0; k < xs.length && k < s.values().length; k++) {
        double v = s.values()[k];
        if (!Double.isFinite(v)) {
          continue;
        }
        double px = LEFT + (log2(xs[k]) - xMin) / xSpan * plotWidth;
        double py = TOP + plotHeight - v / yMax * plotHeight;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        markers.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %d → %s/s</title>"
                    + "</circle>%n",
                px,
                py,
                color,
                escape(s.name()),
                xs[k],
                format(v)));
      }
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                  color,
                  points.toString().trim()))
          .append(markers);
      int ly = TOP + 10 + i * 22;
      int lx = LEFT + plotWidth + 16;
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                  lx,
                  ly,
                  lx + 22,
                  ly,
                  color))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%d\">%s</text>%n",
                  lx + 28,
                  ly + 4,
                  escape(s.name())));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }

  private static String format(double v) {
    return v >= 100 || v == Math.rint(v)
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
