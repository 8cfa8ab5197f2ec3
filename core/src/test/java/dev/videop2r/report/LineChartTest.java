package dev.videop2r.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
  @Test
  void writesAPngWithTheSeriesDrawnInItsColour(@TempDir Path dir) throws Exception {
    LineChart chart = new LineChart("loss", "step")
        .add(new LineChart.Series("loss", new double[] {1, 2, 3, 4}, new double[] {3, 2, Double.NaN, 1}));
    assertTrue(chart.hasData());
    Path file = dir.resolve("sub/loss.png");
    chart.write(file);
    BufferedImage img = ImageIO.read(file.toFile());
    assertEquals(800, img.getWidth());
    int blue = 0;
    // Inside the plot area, below the legend: only the line itself is drawn in this colour.
    for (int y = 100; y < img.getHeight() - 56; y++) {
      for (int x = 80; x < img.getWidth() - 24; x++) {
        blue += (img.getRGB(x, y) & 0xFFFFFF) == 0x1f77b4 ? 1 : 0;
      }
    }
    assertTrue(blue > 100, "the smoothed line is drawn in the series colour: " + blue);
  }

  @Test
  void theLegendIsBelowThePlotAndLongNamesAreNotCut(@TempDir Path dir) throws Exception {
    LineChart chart = new LineChart("t", "step").smoothing(0);
    for (int k = 0; k < 9; k++) {
      chart.add(new LineChart.Series("time/a_rather_long_metric_name_" + k, new double[] {1, 2},
          new double[] {k, k + 1}));
    }
    BufferedImage img = chart.render();
    assertTrue(img.getHeight() > 480, "rows of legend make the image taller: " + img.getHeight());
    // The ninth series' swatch (olive) sits in the last legend row, below the plot.
    boolean swatch = false;
    for (int y = 430; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        swatch |= (img.getRGB(x, y) & 0xFFFFFF) == 0xbcbd22;
      }
    }
    assertTrue(swatch, "every legend entry is drawn");
  }

  @Test
  void smoothingGrowsWithTheRunsLength() {
    assertEquals(0.6, LineChart.autoSmoothing(8), 1e-12, "a short run keeps TensorBoard's default");
    assertEquals(0.75, LineChart.autoSmoothing(100), 1e-12);
    assertEquals(0.95, LineChart.autoSmoothing(5000), 1e-12, "a long one is capped, its shape still shows");
    assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x").smoothing(1));
  }

  @Test
  void emptyOrMismatchedSeriesAreHandled() {
    assertFalse(new LineChart("t", "x").add(new LineChart.Series("s", new double[] {1}, new double[] {Double.NaN}))
        .hasData());
    assertThrows(IllegalArgumentException.class, () -> new LineChart.Series("s", new double[2], new double[3]));
  }
}
