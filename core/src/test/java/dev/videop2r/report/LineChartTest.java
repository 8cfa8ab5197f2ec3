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
    assertTrue(blue > 100, "the line from x=1 to x=2 is drawn: " + blue);
    assertNotEquals(0xFFFFFF, img.getRGB(358, 240) & 0xFFFFFF, "a vertical grid line");
  }

  @Test
  void emptyOrMismatchedSeriesAreHandled() {
    assertFalse(new LineChart("t", "x").add(new LineChart.Series("s", new double[] {1}, new double[] {Double.NaN}))
        .hasData());
    assertThrows(IllegalArgumentException.class, () -> new LineChart.Series("s", new double[2], new double[3]));
  }
}
