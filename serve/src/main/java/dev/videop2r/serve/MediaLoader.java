package dev.videop2r.serve;

import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.training.MediaInputs;
import dev.videop2r.video.FfmpegFrameSource;
import dev.videop2r.video.FfmpegReader;
import dev.videop2r.video.PilResize;
import dev.videop2r.video.QwenPatchifier;
import dev.videop2r.video.QwenVision;
import dev.videop2r.video.RgbFrame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns the URL of an {@code image_url} or {@code video_url} part into model inputs, the way vLLM's Qwen2.5-VL
 * processor does for the same request:
 * <ul>
 *   <li>{@code data:image/...;base64,X}: one image;</li>
 *   <li>{@code data:video/jpeg;base64,F1,F2,...}: frames already sampled by the client (vLLM's frame-list form;
 *       any image format ImageIO reads, so lossless PNG frames work too); the temporal patch covers
 *       2 / {@code mm_processor_kwargs.fps} seconds, 2 fps when it is not given (HF's default);</li>
 *   <li>{@code data:video/mp4;base64,...} (any other video type): decoded and sampled here (qwen-vl-utils rules);</li>
 *   <li>a path or {@code file://} URL inside {@code --media-root}: sampled here.</li>
 * </ul>
 * Frames whose size is not what smart_resize gives under this server's pixel budget are resized (Pillow bicubic),
 * as the HF processor does. Remote {@code http(s)} URLs are refused: the server fetches nothing.
 */
final class MediaLoader {
  private final FrameSource frames;
  private final MediaRoot mediaRoot;
  private final FrameRequest request;
  private final QwenVision vision;

  /** @param mediaRoot null when paths are not accepted */
  MediaLoader(FrameSource frames, Path mediaRoot, FrameRequest request) {
    this.frames = frames;
    this.mediaRoot = mediaRoot == null ? null : new MediaRoot(mediaRoot.toAbsolutePath().normalize());
    this.request = request;
    this.vision = new QwenVision(FfmpegFrameSource.config(request));
  }

  /**
   * @param param the request field, for error messages
   * @param video true for a {@code video_url} part
   * @param fps the client's sampling rate of a frame list
   */
  MediaInputs.Encoded load(String param, String url, boolean video, double fps) {
    if (url.startsWith("data:")) {
      return fromDataUrl(param, url, video, fps);
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      throw ApiException.invalid(param, "this server fetches no URLs; send a data: URL or a path under --media-root");
    }
    return fromFile(param, resolve(param, url.startsWith("file://") ? url.substring("file://".length()) : url),
        video);
  }

  private MediaInputs.Encoded fromDataUrl(String param, String url, boolean video, double fps) {
    int comma = url.indexOf(',');
    String header = comma < 0 ? "" : url.substring("data:".length(), comma).toLowerCase(Locale.ROOT);
    if (comma < 0 || !header.endsWith(";base64")) {
      throw ApiException.invalid(param, "a data: URL must be base64 (data:<type>;base64,<data>)");
    }
    String type = header.substring(0, header.length() - ";base64".length());
    String payload = url.substring(comma + 1);
    if (!video) {
      if (!type.startsWith("image/")) {
        throw ApiException.invalid(param, "an image_url data: URL must be an image type, got '" + type + "'");
      }
      return MediaInputs.encode(List.of(fit(param, decodeImage(param, payload))), true, 0, new int[] {0});
    }
    if (type.equals("video/jpeg")) {
      String[] parts = payload.split(",");
      if (parts.length > request.maxFrames()) {
        throw ApiException.invalid(param, parts.length + " frames sent; this server takes at most "
            + request.maxFrames() + " (--frames)");
      }
      List<RgbFrame> rgb = new ArrayList<>();
      for (String part : parts) {
        RgbFrame frame = fit(param, decodeImage(param, part));
        RgbFrame first = rgb.isEmpty() ? frame : rgb.getFirst();
        if (frame.width() != first.width() || frame.height() != first.height()) { // one video: one frame size
          throw ApiException.invalid(param, "frame " + rgb.size() + " of the frame list resizes to " + frame.width()
              + "x" + frame.height() + ", frame 0 to " + first.width() + "x" + first.height()
              + "; send frames of one size");
        }
        rgb.add(frame);
      }
      int[] indices = java.util.stream.IntStream.range(0, rgb.size()).toArray();
      return MediaInputs.encode(rgb, false, QwenPatchifier.TEMPORAL_PATCH / fps, indices);
    }
    if (!type.startsWith("video/")) {
      throw ApiException.invalid(param, "a video_url data: URL must be a video type, got '" + type + "'");
    }
    Path file = null;
    try {
      file = Files.createTempFile("videop2r-serve-", ".video");
      Files.write(file, base64(param, payload));
      return fromFile(param, file, true);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write a temporary video file", e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a leftover temp file is harmless; the reply matters more
        }
      }
    }
  }

  private Path resolve(String param, String path) {
    if (mediaRoot == null) {
      throw ApiException.invalid(param, "media paths need the server to run with --media-root; send a data: URL");
    }
    Path p = Path.of(path);
    if (!p.isAbsolute()) {
      try {
        return mediaRoot.resolve(path);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(param, e.getMessage());
      }
    }
    Path normal = p.normalize();
    if (!normal.startsWith(mediaRoot.root())) {
      throw ApiException.invalid(param, "media path '" + path + "' is outside --media-root");
    }
    return normal;
  }

  private MediaInputs.Encoded fromFile(String param, Path file, boolean video) {
    if (!Files.isRegularFile(file)) {
      throw ApiException.invalid(param, "no media file '" + file.getFileName() + "' under --media-root");
    }
    SampledFrames sampled;
    try {
      sampled = frames.sample(file, request);
    } catch (IOException | RuntimeException e) {
      throw ApiException.invalid(param, "cannot read media '" + file.getFileName() + "': " + e.getMessage());
    }
    List<RgbFrame> rgb = sampled.images().stream().map(RgbFrame::of).toList();
    if (!video || sampled.sampleFps() <= 0) {
      return MediaInputs.encode(List.of(rgb.getFirst()), true, 0, new int[] {0});
    }
    return MediaInputs.encode(rgb, false, QwenPatchifier.TEMPORAL_PATCH / sampled.sampleFps(), sampled.indices());
  }

  private static byte[] base64(String param, String payload) {
    try {
      return Base64.getMimeDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(param, "bad base64 in data: URL: " + e.getMessage());
    }
  }

  /**
   * The picture, its declared size checked against {@link FfmpegReader#MAX_PIXELS} before any pixel is decoded (a
   * small data URL may declare 10000 x 10000). The JDK's decoders throw runtime exceptions on some damaged data;
   * those are the client's bad input too.
   */
  private static BufferedImage decodeImage(String param, String payload) {
    byte[] bytes = base64(param, payload);
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw ApiException.invalid(param, "data: URL holds no image format this server reads (JPEG, PNG, BMP, GIF)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > FfmpegReader.MAX_PIXELS) {
          throw ApiException.invalid(param, String.format("the image declares %d x %d = %,d pixels; the limit is %,d",
              reader.getWidth(0), reader.getHeight(0), pixels, FfmpegReader.MAX_PIXELS));
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (ApiException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw ApiException.invalid(param, "cannot decode image: " + e);
    }
  }

  /** The frame at smart_resize's size for this server's pixel budget (unchanged when it already is). */
  private RgbFrame fit(String param, BufferedImage image) {
    RgbFrame frame = RgbFrame.of(image);
    int[] hw;
    try {
      hw = vision.smartResize(frame.height(), frame.width(), QwenPatchifier.PATCH * QwenPatchifier.MERGE,
          request.minPixels(), request.maxPixels());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(param, e.getMessage());
    }
    return hw[0] == frame.height() && hw[1] == frame.width() ? frame : PilResize.resize(frame, hw[1], hw[0]);
  }
}
