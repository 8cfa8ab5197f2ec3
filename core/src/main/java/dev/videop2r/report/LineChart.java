package dev.videop2r.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
 * A line chart drawn with Java2D and written as PNG: one or more named series over a shared x axis, with ticks,
 * grid, title and legend. Non-finite points are skipped (a gap, not a crash). Headless-safe.
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

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
  private static final int WIDTH = 800;
  private static final int HEIGHT = 480;
  private static final int LEFT = 80;
  private static final int RIGHT = 24;
  private static final int TOP = 48;
  private static final int BOTTOM = 56;

  private final String title;
  private final String xLabel;
  private final List<Series> series = new ArrayList<>();

  public LineChart(String title, String xLabel) {
    this.title = title;
    this.xLabel = xLabel;
  }

  public LineChart add(Series s) {
    series.add(s);
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

  public BufferedImage render() {
    double[] range = range();
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    // Grid and ticks: 5 intervals per axis.
    for (int i = 0; i <= 5; i++) {
      int px = LEFT + plotW * i / 5;
      int py = TOP + plotH - plotH * i / 5;
      g.setColor(new Color(0xE5E5E5));
      g.drawLine(px, TOP, px, TOP + plotH);
      g.drawLine(LEFT, py, LEFT + plotW, py);
      g.setColor(Color.DARK_GRAY);
      String xt = format(range[0] + (range[1] - range[0]) * i / 5);
      g.drawString(xt, px - fm.stringWidth(xt) / 2, TOP + plotH + 16);
      String yt = format(range[2] + (range[3] - range[2]) * i / 5);
      g.drawString(yt, LEFT - 6 - fm.stringWidth(yt), py + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.drawString(xLabel, LEFT + plotW / 2 - fm.stringWidth(xLabel) / 2, HEIGHT - 16);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setStroke(new BasicStroke(1.8f));
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      g.setColor(PALETTE[k % PALETTE.length]);
      Path2D.Double path = new Path2D.Double();
      boolean pen = false;
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
          pen = false;
          continue;
        }
        double px = LEFT + (s.x()[i] - range[0]) / (range[1] - range[0]) * plotW;
        double py = TOP + plotH - (s.y()[i] - range[2]) / (range[3] - range[2]) * plotH;
        if (pen) {
          path.lineTo(px, py);
        } else {
          path.moveTo(px, py);
          pen = true;
        }
      }
      g.draw(path);
      int ly = TOP + 16 + 16 * k;
      g.fillRect(LEFT + plotW - 170, ly - 8, 14, 4);
      g.drawString(s.name(), LEFT + plotW - 150, ly - 2);
    }
    g.dispose();
    return img;
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

  /** {xMin, xMax, yMin, yMax} over finite points, padded so a flat line is still drawn. */
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
    if (r[0] > r[1]) {
      return new double[] {0, 1, 0, 1};
    }
    if (r[1] - r[0] < 1e-12) {
      r[0] -= 0.5;
      r[1] += 0.5;
    }
    double pad = Math.max(1e-12, (r[3] - r[2]) * 0.05);
    if (r[3] - r[2] < 1e-12) {
      pad = Math.max(Math.abs(r[2]) * 0.1, 0.5);
    }
    return new double[] {r[0], r[1], r[2] - pad, r[3] + pad};
  }

  private static String format(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e5)) {
      return String.format("%.1e", v);
    }
    return String.format(a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.3f", v);
  }
}
