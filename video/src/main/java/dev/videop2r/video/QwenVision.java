package dev.videop2r.video;

/**
 * The sampling and sizing rules of qwen-vl-utils ({@code vision_process.py} as shipped by Video-R1), reproduced
 * exactly: Python's half-to-even {@code round}, the float32 {@code torch.linspace} used for frame indices, and
 * the per-frame pixel budget. Errors carry the reference's messages.
 */
public final class QwenVision {

  private final VisionConfig config;

  public QwenVision(VisionConfig config) {
    this.config = config;
  }

  public VisionConfig config() {
    return config;
  }

  /** The reference's aspect-ratio rejection (a ValueError there). */
  public static final class AspectRatioException extends IllegalArgumentException {
    AspectRatioException(String message) {
      super(message);
    }
  }

  /** Target (height, width), both multiples of {@code factor}; see the spec for the unchecked corner cases. */
  public int[] smartResize(double height, double width, int factor, double minPixels, double maxPixels) {
    double ratio = Math.max(height, width) / Math.min(height, width);
    if (ratio > config.maxRatio()) {
      throw new AspectRatioException("absolute aspect ratio must be smaller than " + pyInt(config.maxRatio())
          + ", got " + pyFloat(ratio));
    }
    long h = Math.max(factor, roundByFactor(height, factor));
    long w = Math.max(factor, roundByFactor(width, factor));
    if ((double) h * w > maxPixels) {
      double beta = Math.sqrt(height * width / maxPixels);
      h = floorByFactor(height / beta, factor);
      w = floorByFactor(width / beta, factor);
    } else if ((double) h * w < minPixels) {
      double beta = Math.sqrt(minPixels / (height * width));
      h = ceilByFactor(height * beta, factor);
      w = ceilByFactor(width * beta, factor);
    }
    return new int[] {Math.toIntExact(h), Math.toIntExact(w)};
  }

  /** Image target size under the image pixel limits, or the request's min/max override. */
  public int[] imageSize(int height, int width, SampleRequest request) {
    if (request.resizedHeight() != null && request.resizedWidth() != null) {
      return smartResize(request.resizedHeight(), request.resizedWidth(), config.imageFactor(), config.minPixels(),
          config.maxPixels());
    }
    double min = request.minPixels() != null ? request.minPixels() : config.minPixels();
    double max = request.maxPixels() != null ? request.maxPixels() : config.maxPixels();
    return smartResize(height, width, config.imageFactor(), min, max);
  }

  /** Number of frames to sample ({@code smart_nframes}). */
  public int smartNframes(SampleRequest request, int totalFrames, double videoFps) {
    if (request.fps() != null && request.nframes() != null) {
      throw new IllegalArgumentException("Only accept either `fps` or `nframes`");
    }
    int f = config.frameFactor();
    long n;
    if (request.nframes() != null) {
      n = roundByFactor(request.nframes(), f);
    } else {
      double fps = request.fps() != null ? request.fps() : config.fps();
      long minFrames = ceilByFactor(request.minFrames() != null ? request.minFrames() : config.minFrames(), f);
      long maxFrames = floorByFactor(
          request.maxFrames() != null ? request.maxFrames() : Math.min(config.maxFrames(), totalFrames), f);
      double wanted = totalFrames / videoFps * fps;
      wanted = Math.min(Math.min(Math.max(wanted, minFrames), maxFrames), totalFrames);
      n = floorByFactor(wanted, f);
    }
    if (!(f <= n && n <= totalFrames)) {
      throw new IllegalArgumentException(
          "nframes should in interval [" + f + ", " + totalFrames + "], but got " + n + ".");
    }
    return (int) n;
  }

  /** The whole video decision of {@code fetch_video}: frame count, indices, sample fps and resize target. */
  public VideoPlan planVideo(SampleRequest request, int totalFrames, double videoFps, int height, int width) {
    int nframes = smartNframes(request, totalFrames, videoFps);
    int[] indices = frameIndices(totalFrames, nframes);
    double sampleFps = nframes / Math.max(totalFrames, 1e-6) * videoFps;
    double minPixels = request.minPixels() != null ? request.minPixels() : config.videoMinPixels();
    double totalPixels = request.totalPixels() != null ? request.totalPixels() : config.videoTotalPixels();
    double maxPixels = Math.max(Math.min(config.videoMaxPixels(), totalPixels / nframes * config.frameFactor()),
        (long) (minPixels * 1.05));
    if (request.maxPixels() != null) {
      maxPixels = Math.min(request.maxPixels(), maxPixels);
    }
    int[] size;
    if (request.resizedHeight() != null && request.resizedWidth() != null) {
      size = smartResize(request.resizedHeight(), request.resizedWidth(), config.imageFactor(), config.minPixels(),
          config.maxPixels());
    } else {
      size = smartResize(height, width, config.imageFactor(), minPixels, maxPixels);
    }
    return new VideoPlan(nframes, indices, sampleFps, size[0], size[1], maxPixels);
  }

  /**
   * {@code torch.linspace(0, total-1, n).round().long()} exactly as torch's float32 CPU kernel computes it (the
   * recipe, checked on tens of thousands of pairs, is in the preprocess golden README): two halves with fused
   * multiply-add, and blocks of 8 built from a base value with two roundings.
   */
  public static int[] frameIndices(int totalFrames, int n) {
    if (n <= 0) {
      return new int[0];
    }
    if (n == 1) {
      return new int[] {0};
    }
    float end = (float) (totalFrames - 1);
    float step = end / (float) (n - 1);
    int half = n / 2;
    int vectorEnd = (n / 16) * 16;
    int[] out = new int[n];
    for (int b = 0; b < vectorEnd; b += 8) {
      float base = linspaceScalar(b, n, half, step, end);
      for (int j = 0; j < 8; j++) {
        out[b + j] = (int) Math.rint(base + (float) (j * step));
      }
    }
    for (int i = vectorEnd; i < n; i++) {
      out[i] = (int) Math.rint(linspaceScalar(i, n, half, step, end));
    }
    return out;
  }

  private static float linspaceScalar(int i, int n, int half, float step, float end) {
    return i < half ? Math.fma(step, (float) i, 0f) : Math.fma(-step, (float) (n - 1 - i), end);
  }

  static long roundByFactor(double number, int factor) {
    return (long) Math.rint(number / factor) * factor;
  }

  static long ceilByFactor(double number, int factor) {
    return (long) Math.ceil(number / factor) * factor;
  }

  static long floorByFactor(double number, int factor) {
    return (long) Math.floor(number / factor) * factor;
  }

  /** Python's repr of a float (shortest round-trip digits; Java 19+ prints the same digits). */
  private static String pyFloat(double value) {
    return Double.toString(value);
  }

  private static String pyInt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
