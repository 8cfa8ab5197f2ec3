package dev.videop2r.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A line chart drawn with Java2D and written as PNG, in the style of TensorBoard and W&B panels: each series as a
 * faint raw line under its exponentially smoothed one ({@link Smoothing}), axes with round tick values
 * ({@link NiceTicks}), and the legend in rows below the plot so long names are never cut. Non-finite points are
 * gaps, not a crash. Headless-safe.
 */
public final class LineChart {
  /** One named line; {@code x} and {@code y} have the same length. */
  public record Series(String name, double[] x, double[] y) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y");
      }
    }
  }

  /** TensorBoard's default smoothing weight, the least a chart uses unless told otherwise. */
  public static final double DEFAULT_SMOOTHING = 0.6;
  private static final double MAX_AUTO_SMOOTHING = 0.95;
  /** Automatic smoothing keeps about this many independent stretches along the longest series. */
  private static final int FEATURES = 25;

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf)};
  private static final int WIDTH = 800;
  private static final int PLOT_HEIGHT = 360;
  private static final int RIGHT = 24;
  private static final int TOP = 48;
  private static final int GAP = 12;
  private static final int LEGEND_ROW = 18;
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

  private final String title;
  private final String xLabel;
  private final List<Series> series = new ArrayList<>();
  /** The smoothing weight, or NaN to derive it from the series' length ({@link #autoSmoothing}). */
  private double smoothing = Double.NaN;

  public LineChart(String title, String xLabel) {
    this.title = title;
    this.xLabel = xLabel;
  }

  public LineChart add(Series s) {
    series.add(s);
    return this;
  }

  /**
   * The smoothing weight in [0, 1); 0 draws the raw lines only (e.g. for a schedule). Unset, it grows with the
   * number of points from {@link #DEFAULT_SMOOTHING} to 0.95, so a long run is as readable as a short one.
   */
  public LineChart smoothing(double weight) {
    Smoothing.ema(new double[0], weight);
    this.smoothing = weight;
    return this;
  }

  /** Whether any series has at least one finite point. */
  public boolean hasData() {
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
          return true;
        }
      }
    }
    return false;
  }

  /** The weight for series of {@code points} points: 1 - 25/points, within [0.6, 0.95]. */
  static double autoSmoothing(int points) {
    return Math.clamp(1.0 - (double) FEATURES / Math.max(1, points), DEFAULT_SMOOTHING, MAX_AUTO_SMOOTHING);
  }

  public BufferedImage render() {
    double smoothing = Double.isNaN(this.smoothing)
        ? autoSmoothing(series.stream().mapToInt(s -> s.x().length).max().orElse(0)) : this.smoothing;
    double[] range = range();
    boolean integralX = series.stream().allMatch(s -> java.util.Arrays.stream(s.x())
        .allMatch(v -> !Double.isFinite(v) || v == Math.rint(v)));
    NiceTicks xTicks = NiceTicks.of(range[0], range[1], 8, false, integralX);
    NiceTicks yTicks = NiceTicks.of(range[2], range[3], 6, true, false);
    // Measure first: the y labels set the left margin, the legend rows the height.
    Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    probe.setFont(TEXT);
    FontMetrics fm = probe.getFontMetrics();
    int labelWidth = 0;
    for (double v : yTicks.values()) {
      labelWidth = Math.max(labelWidth, fm.stringWidth(yTicks.label(v)));
    }
    int left = Math.max(56, labelWidth + 20);
    int plotW = WIDTH - left - RIGHT;
    List<List<Integer>> rows = legendRows(fm, plotW);
    probe.dispose();
    int legendTop = TOP + PLOT_HEIGHT + 58;
    int height = legendTop + rows.size() * LEGEND_ROW + GAP;

    BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setFont(TEXT);
    Axes axes = new Axes(left, plotW, xTicks, yTicks);
    for (double v : xTicks.values()) {
      int px = (int) Math.round(axes.x(v));
      g.setColor(new Color(0xE5E5E5));
      g.drawLine(px, TOP, px, TOP + PLOT_HEIGHT);
      g.setColor(Color.DARK_GRAY);
      String label = xTicks.label(v);
      g.drawString(label, px - fm.stringWidth(label) / 2, TOP + PLOT_HEIGHT + 16);
    }
    for (double v : yTicks.values()) {
      int py = (int) Math.round(axes.y(v));
      g.setColor(new Color(0xE5E5E5));
      g.drawLine(left, py, left + plotW, py);
      g.setColor(Color.DARK_GRAY);
      String label = yTicks.label(v);
      g.drawString(label, left - 6 - fm.stringWidth(label), py + 4);
    }
    g.setColor(new Color(0x999999));
    g.drawRect(left, TOP, plotW, PLOT_HEIGHT);
    g.setColor(Color.BLACK);
    g.drawString(xLabel, left + plotW / 2 - fm.stringWidth(xLabel) / 2, TOP + PLOT_HEIGHT + 34);
    if (smoothing > 0) {
      String note = String.format(java.util.Locale.ROOT, "smoothed (EMA %.2f); faint: raw", smoothing);
      g.setColor(Color.GRAY);
      g.drawString(note, WIDTH - RIGHT - fm.stringWidth(note), 28);
    }
    g.setColor(Color.BLACK);
    g.setFont(TITLE);
    g.drawString(title, left, 28);
    g.setFont(TEXT);
    Shape plotArea = new java.awt.Rectangle(left, TOP, plotW + 1, PLOT_HEIGHT + 1);
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      Color color = PALETTE[k % PALETTE.length];
      g.setClip(plotArea);
      if (smoothing > 0) {
        g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
        g.setStroke(new BasicStroke(1.2f));
        g.draw(path(s.x(), s.y(), axes));
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        g.draw(path(s.x(), Smoothing.ema(s.y(), smoothing), axes));
      } else {
        g.setColor(color);
        g.setStroke(new BasicStroke(1.8f));
        g.draw(path(s.x(), s.y(), axes));
      }
      g.setClip(null);
    }
    for (int r = 0; r < rows.size(); r++) {
      int lx = left;
      int ly = legendTop + r * LEGEND_ROW;
      for (int k : rows.get(r)) {
        g.setColor(PALETTE[k % PALETTE.length]);
        g.fillRect(lx, ly - 6, 16, 4);
        g.setColor(Color.DARK_GRAY);
        g.drawString(series.get(k).name(), lx + 22, ly);
        lx += legendWidth(fm, k);
      }
    }
    g.dispose();
    return img;
  }

  /** Pixel positions of data values. */
  private record Axes(int left, int plotW, NiceTicks x, NiceTicks y) {
    double x(double v) {
      return left + (v - x.lower()) / (x.upper() - x.lower()) * plotW;
    }

    double y(double v) {
      return TOP + PLOT_HEIGHT - (v - y.lower()) / (y.upper() - y.lower()) * PLOT_HEIGHT;
    }
  }

  private static Path2D.Double path(double[] xs, double[] ys, Axes axes) {
    Path2D.Double path = new Path2D.Double();
    boolean pen = false;
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
        pen = false;
        continue;
      }
      double px = axes.x(xs[i]);
      double py = axes.y(ys[i]);
      if (pen) {
        path.lineTo(px, py);
      } else {
        path.moveTo(px, py);
        // A lone point still shows: a dot-length segment.
        path.lineTo(px + 0.5, py);
        pen = true;
      }
    }
    return path;
  }

  private int legendWidth(FontMetrics fm, int k) {
    return 22 + fm.stringWidth(series.get(k).name()) + 20;
  }

  /** The legend entries wrapped into rows that fit the plot's width. */
  private List<List<Integer>> legendRows(FontMetrics fm, int width) {
    List<List<Integer>> rows = new ArrayList<>();
    List<Integer> row = new ArrayList<>();
    int used = 0;
    for (int k = 0; k < series.size(); k++) {
      int w = legendWidth(fm, k);
      if (!row.isEmpty() && used + w > width) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(k);
      used += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  /** Renders and writes the PNG atomically (temp file + move). */
  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".plot-", ".png");
      if (!ImageIO.write(render(), "png", tmp.toFile())) {
        throw new IOException("no PNG writer available");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
    }
  }

  /** {xMin, xMax, yMin, yMax} over finite points; {0, 1, 0, 1} when there are none. */
  private double[] range() {
    double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
          r[0] = Math.min(r[0], s.x()[i]);
          r[1] = Math.max(r[1], s.x()[i]);
          r[2] = Math.min(r[2], s.y()[i]);
          r[3] = Math.max(r[3], s.y()[i]);
        }
      }
    }
    return r[0] > r[1] ? new double[] {0, 1, 0, 1} : r;
  }
}
