package dev.videop2r.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a scene's frames with Java2D: dark background, shapes in list order, the current word in block capitals
 * centred in the bottom strip, then seeded Gaussian pixel noise.
 */
public final class SceneRenderer {

  private static final Color BACKGROUND = new Color(24, 24, 32);
  private static final Color STRIP = new Color(8, 8, 8);
  private static final Color INK = new Color(240, 240, 240);
  private static final int TEXT_SCALE = 2;
  /** Standard normal samples; noise draws 16-bit indices into it (far cheaper than nextGaussian per value). */
  private static final float[] GAUSSIAN = gaussianTable(1 << 16);

  public List<BufferedImage> render(Scene scene) {
    SplittableRandom noise = new SplittableRandom(scene.noiseSeed());
    List<BufferedImage> frames = new ArrayList<>(scene.frames());
    for (int f = 0; f < scene.frames(); f++) {
      BufferedImage image = new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = image.createGraphics();
      try {
        draw(g, scene, scene.stateAt(f));
      } finally {
        g.dispose();
      }
      if (scene.noise() > 0) {
        addNoise(image, scene.noise(), noise);
      }
      frames.add(image);
    }
    return frames;
  }

  private static void draw(Graphics2D g, Scene scene, FrameState state) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, scene.width(), scene.height());
    int stripTop = scene.height() - SynthKnobs.TEXT_STRIP;
    g.setColor(STRIP);
    g.fillRect(0, stripTop, scene.width(), SynthKnobs.TEXT_STRIP);
    for (FrameState.ObjectView o : state.objects()) {
      g.setColor(new Color(o.colour().rgb()));
      int r = scene.object(o.id()).radius();
      switch (o.shape()) {
        case CIRCLE -> g.fillOval(o.x() - r, o.y() - r, 2 * r, 2 * r);
        case SQUARE -> g.fillRect(o.x() - r, o.y() - r, 2 * r, 2 * r);
        case TRIANGLE -> g.fillPolygon(new Polygon(new int[] {o.x(), o.x() + r, o.x() - r},
            new int[] {o.y() - r, o.y() + r, o.y() + r}, 3));
        case DIAMOND -> g.fillPolygon(new Polygon(new int[] {o.x(), o.x() + r, o.x(), o.x() - r},
            new int[] {o.y() - r, o.y(), o.y() + r, o.y()}, 4));
      }
    }
    if (state.word() != null) {
      drawWord(g, state.word(), scene.width(), stripTop);
    }
  }

  private static void drawWord(Graphics2D g, String word, int width, int stripTop) {
    int advance = (BitmapFont.WIDTH + 1) * TEXT_SCALE;
    int x0 = (width - word.length() * advance + TEXT_SCALE) / 2;
    int y0 = stripTop + (SynthKnobs.TEXT_STRIP - BitmapFont.HEIGHT * TEXT_SCALE) / 2;
    g.setColor(INK);
    for (int i = 0; i < word.length(); i++) {
      for (int y = 0; y < BitmapFont.HEIGHT; y++) {
        for (int x = 0; x < BitmapFont.WIDTH; x++) {
          if (BitmapFont.pixel(word.charAt(i), x, y)) {
            g.fillRect(x0 + i * advance + x * TEXT_SCALE, y0 + y * TEXT_SCALE, TEXT_SCALE, TEXT_SCALE);
          }
        }
      }
    }
  }

  private static void addNoise(BufferedImage image, double sigma, SplittableRandom rng) {
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    int i = 0;
    while (i < data.length) {
      long bits = rng.nextLong();
      for (int k = 0; k < 4 && i < data.length; k++, i++) {
        float n = GAUSSIAN[(int) ((bits >>> (16 * k)) & 0xFFFF)];
        int v = (data[i] & 0xFF) + Math.round((float) sigma * n);
        data[i] = (byte) Math.max(0, Math.min(255, v));
      }
    }
  }

  private static float[] gaussianTable(int size) {
    SplittableRandom rng = new SplittableRandom(0x5eed);
    float[] table = new float[size];
    for (int i = 0; i < size; i++) {
      table[i] = (float) rng.nextGaussian();
    }
    return table;
  }
}
