package dev.videop2r.model.qwen;

import dev.videop2r.model.QwenConfig;
import java.util.List;

/**
 * HF {@code get_rope_index} (spec 3.3): 3D M-RoPE positions (streams T, H, W) for a left-padded batch, and per-row
 * deltas so that decoding continues at {@code cacheLength + delta}.
 *
 * @param positions {@code [3][B][L]}; padding slots hold 1
 * @param deltas max position of the row + 1 - padded length
 */
public record RopeIndex(long[][][] positions, long[] deltas) {

  /** One visual item as get_rope_index sees it. */
  public record Item(long t, long h, long w, float secondPerGridT, boolean video) {}

  /**
   * @param ids {@code [B][L]} token ids
   * @param mask {@code [B][L]} attention mask (1 = real)
   * @param images image items in order of appearance (batch-row-major)
   * @param videos video items in order of appearance (batch-row-major)
   */
  public static RopeIndex compute(long[][] ids, long[][] mask, List<Item> images, List<Item> videos, QwenConfig cfg) {
    int batch = ids.length;
    int len = batch == 0 ? 0 : ids[0].length;
    long[][][] pos = new long[3][batch][len];
    long[] deltas = new long[batch];
    int merge = cfg.vision().spatialMergeSize();
    int imageIndex = 0;
    int videoIndex = 0;
    for (int b = 0; b < batch; b++) {
      int[] valid = validSlots(mask[b]);
      long[] tokens = new long[valid.length];
      for (int i = 0; i < valid.length; i++) {
        tokens[i] = ids[b][valid[i]];
      }
      long[][] rowPos = new long[3][tokens.length];
      int filled = 0;
      long next = 0;
      int st = 0;
      int visuals = countVisuals(tokens, cfg);
      for (int v = 0; v < visuals; v++) {
        int edImage = imageIndex < images.size() ? indexOf(tokens, cfg.imageTokenId(), st) : Integer.MAX_VALUE;
        int edVideo = videoIndex < videos.size() ? indexOf(tokens, cfg.videoTokenId(), st) : Integer.MAX_VALUE;
        if (edImage == Integer.MAX_VALUE && edVideo == Integer.MAX_VALUE) {
          throw new IllegalArgumentException("batch row " + b + ": vision_start without a matching visual input");
        }
        Item item = edImage < edVideo ? images.get(imageIndex++) : videos.get(videoIndex++);
        int ed = Math.min(edImage, edVideo);
        long gt = item.t();
        long gh = item.h() / merge;
        long gw = item.w() / merge;
        int textLen = ed - st;
        for (int i = 0; i < textLen; i++) {
          for (int s = 0; s < 3; s++) {
            rowPos[s][filled] = next + i;
          }
          filled++;
        }
        long base = next + textLen;
        long blockMax = base;
        for (long ti = 0; ti < gt; ti++) {
          long tPos = base + temporalPosition(ti, item, cfg);
          for (long hi = 0; hi < gh; hi++) {
            for (long wi = 0; wi < gw; wi++) {
              if (filled >= tokens.length) {
                throw new IllegalArgumentException("batch row " + b + ": fewer pad tokens than the visual grid needs");
              }
              rowPos[0][filled] = tPos;
              rowPos[1][filled] = base + hi;
              rowPos[2][filled] = base + wi;
              blockMax = Math.max(blockMax, Math.max(tPos, Math.max(base + hi, base + wi)));
              filled++;
            }
          }
        }
        next = blockMax + 1;
        st = ed + (int) (gt * gh * gw);
      }
      for (int i = st; i < tokens.length; i++) {
        for (int s = 0; s < 3; s++) {
          rowPos[s][filled] = next + (i - st);
        }
        filled++;
      }
      long max = Long.MIN_VALUE;
      for (int s = 0; s < 3; s++) {
        java.util.Arrays.fill(pos[s][b], 1L);
        for (int i = 0; i < valid.length; i++) {
          pos[s][b][valid[i]] = rowPos[s][i];
          max = Math.max(max, rowPos[s][i]);
        }
      }
      deltas[b] = valid.length == 0 ? 1 - len : max + 1 - len;
    }
    if (imageIndex != images.size() || videoIndex != videos.size()) {
      throw new IllegalArgumentException("the prompt uses " + imageIndex + " image(s) and " + videoIndex
          + " video(s) but " + images.size() + " image(s) and " + videos.size() + " video(s) were given");
    }
    return new RopeIndex(pos, deltas);
  }

  /** T offset of temporal patch ti: images 0; videos ti * second_per_grid_t * tokens_per_second per convention. */
  private static long temporalPosition(long ti, Item item, QwenConfig cfg) {
    if (!item.video()) {
      return 0;
    }
    double tps = cfg.vision().tokensPerSecond();
    return switch (cfg.secondPerGrid()) {
      case TRUNCATE -> (long) (ti * (long) item.secondPerGridT() * tps);
      case MULTIPLY_FLOAT -> (long) (ti * (double) item.secondPerGridT() * tps);
    };
  }

  private static int countVisuals(long[] tokens, QwenConfig cfg) {
    int n = 0;
    for (int i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i] == cfg.visionStartTokenId()
          && (tokens[i + 1] == cfg.imageTokenId() || tokens[i + 1] == cfg.videoTokenId())) {
        n++;
      }
    }
    return n;
  }

  private static int indexOf(long[] tokens, long id, int from) {
    for (int i = from; i < tokens.length; i++) {
      if (tokens[i] == id) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static int[] validSlots(long[] mask) {
    return java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i] == 1).toArray();
  }

  /** Text-only rows: cumsum(mask) - 1 with pads at 1, identical in all three streams. */
  public static RopeIndex textOnly(long[][] mask) {
    int batch = mask.length;
    int len = batch == 0 ? 0 : mask[0].length;
    long[][][] pos = new long[3][batch][len];
    long[] deltas = new long[batch];
    for (int b = 0; b < batch; b++) {
      long count = 0;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < len; i++) {
        count += mask[b][i];
        long p = mask[b][i] == 0 ? 1 : count - 1;
        for (int s = 0; s < 3; s++) {
          pos[s][b][i] = p;
        }
        max = Math.max(max, p);
      }
      deltas[b] = max + 1 - len;
    }
    return new RopeIndex(pos, deltas);
  }
}
