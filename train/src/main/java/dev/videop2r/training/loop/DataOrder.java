package dev.videop2r.training.loop;

/**
 * The seeded order in which a trainer visits a dataset: epoch e uses a Fisher–Yates permutation drawn from
 * {@code seed + e}, so the order of any epoch can be rebuilt from (seed, epoch) alone and a resumed run needs
 * only its {@link Position}.
 */
public final class DataOrder {
  /** Where the next sample comes from: index {@code offset} of epoch {@code epoch}'s permutation. */
  public record Position(int epoch, int offset) {}

  private final int size;
  private final long seed;
  private final boolean shuffle;
  private int epoch;
  private int offset;
  private int[] permutation;

  public DataOrder(int size, long seed, boolean shuffle, Position start) {
    if (size <= 0) {
      throw new IllegalArgumentException("the dataset is empty: nothing to train on");
    }
    if (start.offset() < 0 || start.offset() > size || start.epoch() < 0) {
      throw new IllegalArgumentException("data position " + start + " does not fit a dataset of " + size);
    }
    this.size = size;
    this.seed = seed;
    this.shuffle = shuffle;
    this.epoch = start.epoch();
    this.offset = start.offset();
    this.permutation = permutation(epoch);
  }

  /** A cursor at the same place sharing the current permutation (which is replaced, never changed, at rollover). */
  private DataOrder(DataOrder at) {
    this.size = at.size;
    this.seed = at.seed;
    this.shuffle = at.shuffle;
    this.epoch = at.epoch;
    this.offset = at.offset;
    this.permutation = at.permutation;
  }

  public Position position() {
    return new Position(epoch, offset);
  }

  /**
   * The next {@code count} indices {@link #next} would return, without advancing: what a prefetch may load
   * ahead while the cursor (the position a checkpoint records) stays where the current step left it.
   */
  public int[] peek(int count) {
    return new DataOrder(this).next(count);
  }

  /** Index of the next sample; rolls over into the next epoch (with a fresh permutation) when one ends. */
  public int next() {
    if (offset == size) {
      epoch++;
      offset = 0;
      permutation = permutation(epoch);
    }
    return permutation[offset++];
  }

  /** The next {@code count} indices, advancing past them. */
  public int[] next(int count) {
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = next();
    }
    return indices;
  }

  private int[] permutation(int e) {
    int[] p = new int[size];
    for (int i = 0; i < size; i++) {
      p[i] = i;
    }
    if (!shuffle) {
      return p;
    }
    SeededRandom random = new SeededRandom(seed + e);
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
