package dev.videop2r.synth;

import java.util.Arrays;

/**
 * What each merged vision token of a clip shows, read off the scene graph: dense class targets that let the
 * quickstart pretrain the tiny model's vision tower the way Qwen2.5-VL's ViT arrives pretrained. A token covers
 * {@code temporal} sampled frames and a {@code merge·patch}-pixel square; it is labelled from the first of its
 * frames. Class 0 of every head means "nothing there".
 *
 * <p>Tokens are in the order the merger emits them (raster: temporal slice, then row, then column).
 */
public final class TokenLabels {

  /** One target per token; {@link #classes()} counts the "nothing" class. */
  public enum Head {
    /** Colour of the shape whose centre lies in the token. */
    COLOUR(1 + SynthColour.values().length),
    /** Kind of that shape. */
    SHAPE(1 + ShapeKind.values().length),
    /** The direction that shape moves in. */
    MOTION(1 + Direction.values().length),
    /** That shape's centre column, in eighths of the frame width (absolute position, for distances). */
    COLUMN(1 + Geometry.POSITION_BINS),
    /** That shape's centre row, in eighths of the frame height. */
    ROW(1 + Geometry.POSITION_BINS),
    /** The word the text strip shows, on tokens that overlap the strip. */
    WORD(1 + Words.ALL.size());

    private final int classes;

    Head(int classes) {
      this.classes = classes;
    }

    public int classes() {
      return classes;
    }
  }

  /**
   * How frames become tokens.
   *
   * @param width frame width the model sees, in pixels (a multiple of {@code patch·merge})
   * @param height frame height the model sees
   * @param patch ViT patch side (14)
   * @param merge spatial merge size (2)
   * @param temporal frames per temporal patch (2)
   */
  public record Geometry(int width, int height, int patch, int merge, int temporal) {
    static final int POSITION_BINS = 8;

    public Geometry {
      int unit = patch * merge;
      if (patch < 1 || merge < 1 || temporal < 1 || width % unit != 0 || height % unit != 0) {
        throw new IllegalArgumentException("frame " + width + "x" + height + " is not a whole number of "
            + unit + "-pixel tokens");
      }
    }

    /** Qwen2.5-VL's patching at a given frame size. */
    public static Geometry qwen(int width, int height) {
      return new Geometry(width, height, 14, 2, 2);
    }

    int unit() {
      return patch * merge;
    }
  }

  private TokenLabels() {}

  /**
   * Labels {@code [head][token]} of one clip.
   *
   * @param frameIndices the scene frame each sampled frame shows (their count is a multiple of the temporal patch)
   */
  public static int[][] of(Scene scene, int[] frameIndices, Geometry g) {
    if (frameIndices.length == 0 || frameIndices.length % g.temporal() != 0) {
      throw new IllegalArgumentException(frameIndices.length + " sampled frames do not fill temporal patches of "
          + g.temporal());
    }
    int columns = g.width() / g.unit();
    int rows = g.height() / g.unit();
    int perSlice = rows * columns;
    int slices = frameIndices.length / g.temporal();
    double sx = g.width() / (double) scene.width();
    double sy = g.height() / (double) scene.height();
    int[][] labels = new int[Head.values().length][slices * perSlice];
    int stripTop = (int) Math.floor((scene.height() - SynthKnobs.TEXT_STRIP) * sy);
    for (int t = 0; t < slices; t++) {
      FrameState state = scene.stateAt(frameIndices[t * g.temporal()]);
      // Later objects are drawn on top, so they win a token they share with an earlier one.
      for (FrameState.ObjectView o : state.objects()) {
        double x = o.x() * sx;
        double y = o.y() * sy;
        int column = clamp((int) (x / g.unit()), columns);
        int row = clamp((int) (y / g.unit()), rows);
        int token = t * perSlice + row * columns + column;
        SceneObject object = scene.object(o.id());
        Direction motion = Direction.of((int) Math.signum(object.vx()), (int) Math.signum(object.vy()));
        labels[Head.COLOUR.ordinal()][token] = 1 + o.colour().ordinal();
        labels[Head.SHAPE.ordinal()][token] = 1 + o.shape().ordinal();
        labels[Head.MOTION.ordinal()][token] = motion == null ? 0 : 1 + motion.ordinal();
        labels[Head.COLUMN.ordinal()][token] = 1 + clamp((int) (x * Geometry.POSITION_BINS / g.width()),
            Geometry.POSITION_BINS);
        labels[Head.ROW.ordinal()][token] = 1 + clamp((int) (y * Geometry.POSITION_BINS / g.height()),
            Geometry.POSITION_BINS);
      }
      if (state.word() != null) {
        int word = 1 + Words.ALL.indexOf(state.word());
        for (int row = stripTop / g.unit(); row < rows; row++) {
          Arrays.fill(labels[Head.WORD.ordinal()], t * perSlice + row * columns, t * perSlice + (row + 1) * columns,
              word);
        }
      }
    }
    return labels;
  }

  private static int clamp(int value, int size) {
    return Math.max(0, Math.min(size - 1, value));
  }
}
