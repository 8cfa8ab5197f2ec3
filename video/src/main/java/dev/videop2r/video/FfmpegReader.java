package dev.videop2r.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes video files (mp4, webm, mkv, avi, gif, anything FFmpeg demuxes) and still images (jpg, png, webp)
 * through FFmpeg. Sampling seeks: to fetch frame k it decodes forward from the current position only when no
 * keyframe lies in between, otherwise it seeks to the keyframe before k, so a long video is never decoded whole
 * for a handful of frames. Every call runs under a stall timeout.
 *
 * <p>Pictures above {@link #MAX_PIXELS} are refused (reason TOO_LARGE) before anything is decoded: a still
 * image's size is read from its header before FFmpeg opens it (FFmpeg decodes the first picture while opening),
 * a video's from the container right after the open.
 */
public final class FfmpegReader {

  /** Extensions decoded as a single still picture (alpha is composited over white). */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "bmp");
  /**
   * Largest picture decoded: 2^26 pixels (8192 x 8192, above 8K video's 7680 x 4320), 192 MiB as packed RGB. A
   * 300 KB PNG can declare 10000 x 10000 and would otherwise take over 1 GB to decode.
   */
  public static final long MAX_PIXELS = 1L << 26;
  private static final int AVINDEX_KEYFRAME = 1;

  static {
    FfmpegLogging.errorsOnly();
  }

  private final StallGuard guard;

  public FfmpegReader(Duration stallTimeout) {
    this.guard = new StallGuard(stallTimeout);
  }

  /** A reader that gives up on a decode after 60 s. */
  public FfmpegReader() {
    this(Duration.ofSeconds(60));
  }

  public static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot >= 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Size, frame count, rate and duration, from the container headers. */
  public MediaInfo probe(Path file) {
    checkReadable(file);
    return guard.run(file, () -> {
      try (Session s = new Session(file)) {
        return s.info;
      }
    });
  }

  /** Probes the file and decodes the frames a planner picks from that information, in one open. */
  public Decoded read(Path file, FramePicker picker) {
    checkReadable(file);
    return guard.run(file, () -> {
      try (Session s = new Session(file)) {
        int[] indices = picker.pick(s.info);
        List<RgbFrame> frames = s.frames(indices);
        return new Decoded(s.info, indices, frames, s.decoded);
      }
    });
  }

  /** Decodes the given frames (any order, repeats allowed). */
  public List<RgbFrame> read(Path file, int[] indices) {
    return read(file, info -> indices).frames();
  }

  /** Chooses frame indices once the file's properties are known. */
  @FunctionalInterface
  public interface FramePicker {
    int[] pick(MediaInfo info);
  }

  /**
   * The frames at {@code indices}, in the same order.
   *
   * @param framesDecoded pictures decoded on the way: exact for forward steps, and for a seek the distance from
   *     the preceding keyframe (what FFmpeg decodes to land on the target); seeking keeps this far below the
   *     frame count
   */
  public record Decoded(MediaInfo info, int[] indices, List<RgbFrame> frames, int framesDecoded) {}

  private static void checkReadable(Path file) {
    if (!Files.exists(file)) {
      throw new MediaException(file, MediaException.Reason.MISSING, null);
    }
    if (!Files.isRegularFile(file) && !isFifo(file)) {
      throw new MediaException(file, MediaException.Reason.UNREADABLE, "not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new MediaException(file, MediaException.Reason.UNREADABLE, "permission denied");
    }
  }

  private static void checkSize(Path file, long width, long height) {
    if (width * height > MAX_PIXELS) {
      throw new MediaException(file, MediaException.Reason.TOO_LARGE, String.format(
          "%d x %d = %,d pixels; the limit is %,d", width, height, width * height, MAX_PIXELS));
    }
  }

  private static boolean isFifo(Path file) {
    return !Files.isDirectory(file) && !Files.isRegularFile(file);
  }

  /** One open file: the grabber, its properties, and the keyframe positions for seek decisions. */
  private static final class Session implements AutoCloseable {
    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final MediaInfo info;
    private final int[] keyframes;
    /** Index of the frame the next sequential grab returns. */
    private int next = 0;
    private RgbFrame last;
    /** Frames returned by the decoder, counting those skipped over after a seek inside FFmpeg too. */
    private int decoded = 0;

    Session(Path file) {
      this.file = file;
      try {
        PictureSize.ofImageHeader(file).ifPresent(size -> checkSize(file, size.width(), size.height()));
      } catch (IOException e) {
        throw new MediaException(file, MediaException.Reason.UNREADABLE, e.getMessage(), e);
      }
      boolean image = isImage(file);
      grabber = new FFmpegFrameGrabber(file.toFile());
      grabber.setPixelFormat(image ? avutil.AV_PIX_FMT_RGBA : avutil.AV_PIX_FMT_RGB24);
      try {
        // startUnsafe: start() holds a JVM-wide lock during the open, so one stalled file would block every
        // other decode and encode in the process. FFmpeg 7's open calls are thread-safe without it.
        grabber.startUnsafe();
      } catch (FrameGrabber.Exception | RuntimeException e) {
        closeQuietly();
        throw new MediaException(file, MediaException.Reason.UNREADABLE, e.getMessage(), e);
      }
      try {
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
          throw new MediaException(file, MediaException.Reason.NO_FRAMES, "no video stream");
        }
        checkSize(file, grabber.getImageWidth(), grabber.getImageHeight());
        this.info = describe(image);
        if (info.frameCount() <= 0) {
          throw new MediaException(file, MediaException.Reason.NO_FRAMES, "frame count is 0");
        }
        this.keyframes = image ? new int[0] : keyframes();
      } catch (RuntimeException e) {
        closeQuietly();
        throw e;
      }
    }

    private MediaInfo describe(boolean image) {
      int width = grabber.getImageWidth();
      int height = grabber.getImageHeight();
      String format = grabber.getFormat();
      if (image) {
        return new MediaInfo(file, format, width, height, 1, false, 0, 0, true);
      }
      double fps = grabber.getVideoFrameRate();
      double duration = grabber.getLengthInTime() / 1e6;
      AVStream stream = videoStream();
      long stored = stream == null ? 0 : stream.nb_frames();
      boolean estimated = stored <= 0;
      long count = estimated ? Math.round(duration * fps) : stored;
      return new MediaInfo(file, format, width, height, Math.toIntExact(count), estimated, fps, duration, false);
    }

    private AVStream videoStream() {
      AVFormatContext oc = grabber.getFormatContext();
      int index = grabber.getVideoStream();
      if (oc == null || index < 0 || index >= oc.nb_streams()) {
        return null;
      }
      return oc.streams(index);
    }

    /** Frame numbers of the keyframes the demuxer's index knows (empty when it keeps no index). */
    private int[] keyframes() {
      AVStream stream = videoStream();
      if (stream == null) {
        return new int[0];
      }
      double timeBase = avutil.av_q2d(stream.time_base());
      long start = stream.start_time() == avutil.AV_NOPTS_VALUE ? 0 : stream.start_time();
      int entries = avformat.avformat_index_get_entries_count(stream);
      List<Integer> keys = new ArrayList<>();
      for (int i = 0; i < entries; i++) {
        AVIndexEntry e = avformat.avformat_index_get_entry(stream, i);
        if (e != null && (e.flags() & AVINDEX_KEYFRAME) != 0) {
          keys.add((int) Math.round((e.timestamp() - start) * timeBase * info.fps()));
        }
      }
      int[] sorted = keys.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
      // Index times are decode times: with B-frames they start a few frames before the first display time.
      int shift = sorted.length > 0 ? sorted[0] : 0;
      for (int i = 0; i < sorted.length; i++) {
        sorted[i] -= shift;
      }
      return sorted;
    }

    List<RgbFrame> frames(int[] indices) {
      TreeMap<Integer, RgbFrame> byIndex = new TreeMap<>();
      int[] sorted = Arrays.stream(indices).sorted().distinct().toArray();
      for (int target : sorted) {
        if (target < 0 || target >= info.frameCount()) {
          throw new MediaException(file, MediaException.Reason.BAD_REQUEST,
              "frame " + target + " is outside 0.." + (info.frameCount() - 1));
        }
        byIndex.put(target, frameAt(target));
      }
      List<RgbFrame> out = new ArrayList<>(indices.length);
      for (int index : indices) {
        out.add(byIndex.get(index));
      }
      return out;
    }

    private RgbFrame frameAt(int target) {
      try {
        if (info.image()) {
          return image(grabber.grabImage());
        }
        if (target < next || keyframeBetween(next, target)) {
          grabber.setVideoFrameNumber(target);
          decoded += target - keyframeAtOrBefore(target);
          next = target;
        }
        while (next < target) {
          if (grabber.grabFrame(false, true, false, false, false) == null) {
            return endOfStream(target);
          }
          decoded++;
          next++;
        }
        Frame frame = grabber.grabImage();
        if (frame == null) {
          return endOfStream(target);
        }
        decoded++;
        next = target + 1;
        last = rgb(frame);
        return last;
      } catch (FrameGrabber.Exception e) {
        throw new MediaException(file, MediaException.Reason.UNREADABLE, "frame " + target + ": " + e.getMessage(),
            e);
      }
    }

    /**
     * The container promised more frames than the stream holds (estimated counts, truncated files): the last
     * decoded frame stands in, as a reader that clamps to the final frame would return.
     */
    private RgbFrame endOfStream(int target) {
      if (last == null) {
        throw new MediaException(file, MediaException.Reason.NO_FRAMES, "stream ended before frame " + target);
      }
      return last;
    }

    private boolean keyframeBetween(int from, int to) {
      if (keyframes.length == 0) {
        // No index: seek only across long gaps, where decoding forward would surely cost more.
        return to - from > Math.max(32, 4 * info.fps());
      }
      int i = Arrays.binarySearch(keyframes, from + 1);
      int first = i >= 0 ? i : -i - 1;
      return first < keyframes.length && keyframes[first] <= to;
    }

    /** Where a seek to {@code target} lands (0 when the index is unknown, the worst case). */
    private int keyframeAtOrBefore(int target) {
      int i = Arrays.binarySearch(keyframes, target);
      int at = i >= 0 ? i : -i - 2;
      return at >= 0 ? keyframes[at] : 0;
    }

    private RgbFrame image(Frame frame) {
      if (frame == null || frame.image == null) {
        throw new MediaException(file, MediaException.Reason.NO_FRAMES, "no picture decoded");
      }
      checkSize(file, frame.imageWidth, frame.imageHeight);
      ByteBuffer buf = (ByteBuffer) frame.image[0];
      int w = frame.imageWidth;
      int h = frame.imageHeight;
      byte[] rgb = new byte[w * h * 3];
      for (int y = 0; y < h; y++) {
        int row = y * frame.imageStride;
        for (int x = 0; x < w; x++) {
          int p = row + 4 * x;
          int a = buf.get(p + 3) & 0xFF;
          int o = (y * w + x) * 3;
          rgb[o] = (byte) RgbFrame.overWhite(buf.get(p) & 0xFF, a);
          rgb[o + 1] = (byte) RgbFrame.overWhite(buf.get(p + 1) & 0xFF, a);
          rgb[o + 2] = (byte) RgbFrame.overWhite(buf.get(p + 2) & 0xFF, a);
        }
      }
      last = new RgbFrame(w, h, rgb);
      return last;
    }

    /** A frame as packed RGB; a stream may change its size mid-way, so each frame is held to the limit. */
    private RgbFrame rgb(Frame frame) {
      checkSize(file, frame.imageWidth, frame.imageHeight);
      ByteBuffer buf = (ByteBuffer) frame.image[0];
      int w = frame.imageWidth;
      int h = frame.imageHeight;
      byte[] rgb = new byte[w * h * 3];
      for (int y = 0; y < h; y++) {
        buf.get(y * frame.imageStride, rgb, y * w * 3, w * 3);
      }
      return new RgbFrame(w, h, rgb);
    }

    private void closeQuietly() {
      try {
        grabber.releaseUnsafe();
      } catch (FrameGrabber.Exception | RuntimeException ignored) {
        // Closing after a failed open: the open failure is what gets reported.
      }
    }

    @Override
    public void close() {
      closeQuietly();
    }
  }
}
