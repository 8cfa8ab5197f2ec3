package dev.videop2r.cli.video;

import dev.videop2r.cli.FrameOptions;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.io.Json;
import dev.videop2r.video.FfmpegReader;
import dev.videop2r.video.MediaInfo;
import dev.videop2r.video.PreprocessedVisual;
import dev.videop2r.video.QwenPatchifier;
import dev.videop2r.video.QwenPreprocessor;
import dev.videop2r.video.RgbFrame;
import dev.videop2r.video.SampleRequest;
import dev.videop2r.video.VisionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code videop2r frames}: show what the model sees of a video or image. */
@Command(name = "frames", mixinStandardHelpOptions = true,
    description = {"Sample a video (or image) exactly as the Qwen2.5-VL preprocessing does.",
        "Writes the resized frames as PNG plus frames.json (indices, sizes, fps, grid_thw, visual tokens)."})
public final class FramesCommand implements Callable<Integer> {

  @Option(names = "--video", required = true, paramLabel = "FILE", description = "Video or image file.")
  Path video;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Mixin FrameOptions frames = FrameOptions.training();

  @Option(names = "--fps", defaultValue = "2.0", paramLabel = "FPS", description = "Sampling rate before the frame bounds (default: ${DEFAULT-VALUE}).")
  double fps;

  @Option(names = "--min-pixels", paramLabel = "PIXELS", description = "Per-frame lower bound (VIDEO_MIN_PIXELS; default: min(100352, --max-pixels)).")
  Integer minPixels;

  @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "Seconds before a stalled decode is abandoned (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws IOException {
    int maxPixels = frames.maxPixels();
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("--timeout must be positive, got " + timeoutSeconds);
    }
    int min = minPixels != null ? minPixels : Math.min(100_352, maxPixels);
    VisionConfig base = VisionConfig.videoR1Training();
    VisionConfig config = new VisionConfig(base.imageFactor(), base.minPixels(), base.maxPixels(), min, maxPixels,
        base.videoTotalPixels(), base.frameFactor(), fps, base.minFrames(), frames.frames(),
        base.maxRatio());
    FfmpegReader reader = new FfmpegReader(Duration.ofSeconds(timeoutSeconds));
    QwenPreprocessor pre = new QwenPreprocessor(reader, config, QwenPreprocessor.TimeScale.SAMPLE_FPS);
    Files.createDirectories(out);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("file", video.toString());
    List<RgbFrame> images;
    PreprocessedVisual visual;
    if (FfmpegReader.isImage(video)) {
      RgbFrame image = pre.sampleImage(video, SampleRequest.defaults());
      images = List.of(image);
      visual = QwenPatchifier.image(image);
      report.put("data_type", "image");
      report.put("indices", new int[] {0});
    } else {
      QwenPreprocessor.Sampled s = pre.sampleVideo(video, SampleRequest.defaults());
      images = s.frames();
      visual = QwenPatchifier.video(images, QwenPatchifier.TEMPORAL_PATCH / s.plan().sampleFps());
      MediaInfo info = s.info();
      report.put("data_type", "video");
      report.put("format", info.format());
      report.put("source_width", info.width());
      report.put("source_height", info.height());
      report.put("frame_count", info.frameCount());
      report.put("frame_count_estimated", info.frameCountEstimated());
      report.put("fps", info.fps());
      report.put("duration_s", info.durationSeconds());
      report.put("indices", s.plan().indices());
      report.put("sample_fps", s.plan().sampleFps());
      report.put("effective_max_pixels", s.plan().effectiveMaxPixels());
      report.put("second_per_grid_t", visual.secondPerGridTs()[0]);
    }
    RgbFrame first = images.getFirst();
    report.put("resized_height", first.height());
    report.put("resized_width", first.width());
    long[] grid = visual.gridThw()[0];
    report.put("grid_thw", grid);
    report.put("visual_tokens", grid[0] * grid[1] * grid[2] / 4);
    List<String> files = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      String name = String.format("frame_%03d.png", i);
      ImageIO.write(images.get(i).toBufferedImage(), "png", out.resolve(name).toFile());
      files.add(name);
    }
    report.put("pngs", files);
    Path json = out.resolve("frames.json");
    AtomicFiles.write(json, Json.PRETTY.writeValueAsBytes(report));
    System.out.printf("frames: %d frames of %dx%d, grid_thw %s, %d visual tokens -> %s%n", images.size(),
        first.width(), first.height(), java.util.Arrays.toString(grid), grid[0] * grid[1] * grid[2] / 4, json);
    return 0;
  }
}
