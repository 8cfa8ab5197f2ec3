package dev.videop2r.training;

import dev.videop2r.data.FrameRequest;
import dev.videop2r.model.device.ComputeDevice;
import dev.videop2r.spec.Doc;
import dev.videop2r.spec.Group;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.video.QwenPreprocessor;
import java.nio.file.Path;
import java.util.List;

/** What a training run reads and how it sees the media: model, dataset, media root, frames and pixels. */
@Group
public record RunInputs(
    @Doc("HF model directory to start from (config.json, safetensors, tokenizer.json).")
    Path model,
    @Doc("Dataset file(s) or directories: Video-R1/VideoP2R JSON (optionally gzip, in parts) or the pipeline's"
        + " JSONL.")
    List<Path> data,
    @Doc("Directory the records' media paths are relative to.")
    Path mediaRoot,
    @Doc("Frames sampled per video (paper: 16 in training).")
    int frames,
    @Doc(value = "Frame sampling rate before the frame cap, frames per second (qwen-vl-utils).", assumed = true)
    double fps,
    @Doc(value = "Least pixels per frame (capped at maxPixels).", assumed = true)
    int minPixels,
    @Doc("Most pixels per frame (paper: 128·28·28 in training).")
    int maxPixels,
    @Doc("second_per_grid_t: sample-fps (2 / sampled fps, real time, as evaluation) or default-fps (always 1.0,"
        + " Video-R1 training).")
    QwenPreprocessor.TimeScale timeScale,
    @Doc("Weight type: float32 or float16.")
    WeightType dtype,
    @Doc("Where the model trains: cpu, cuda (the first GPU) or cuda:N. A GPU needs libtorch's CUDA natives"
        + " (docs/gpu.md).")
    String device) {

  public RunInputs {
    data = data == null ? List.of() : List.copyOf(data);
    InvalidFieldException.check(frames >= 1, "frames", "must be >= 1, got " + frames);
    InvalidFieldException.check(fps > 0, "fps", "must be > 0, got " + fps);
    InvalidFieldException.check(minPixels >= 1, "minPixels", "must be >= 1, got " + minPixels);
    InvalidFieldException.check(maxPixels >= 1, "maxPixels", "must be >= 1, got " + maxPixels);
    InvalidFieldException.check(timeScale != null, "timeScale", "required");
    InvalidFieldException.check(dtype != null, "dtype", "required");
    device = canonicalDevice(device);
  }

  /** {@code device} spelled one way ({@code cpu}, {@code cuda:N}): {@code cuda} and {@code cuda:0} are one run. */
  private static String canonicalDevice(String device) {
    InvalidFieldException.check(device != null, "device", "required");
    try {
      return ComputeDevice.parse(device).toString();
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("device", e.getMessage());
    }
  }

  public ComputeDevice computeDevice() {
    return ComputeDevice.parse(device);
  }

  /** The paper's training input: 16 frames at 128·28·28 pixels, real-time positions, float32 on the CPU; no paths. */
  public static RunInputs defaults() {
    return new RunInputs(null, List.of(), null, 16, 2.0, 128 * 28 * 28, 128 * 28 * 28,
        QwenPreprocessor.TimeScale.SAMPLE_FPS, WeightType.FLOAT32, "cpu");
  }

  /** Refuses a spec that names no model, data or media root (they have no defaults). */
  public void requirePaths() {
    InvalidFieldException.check(model != null, "model", "required");
    InvalidFieldException.check(!data.isEmpty(), "data", "required");
    InvalidFieldException.check(mediaRoot != null, "mediaRoot", "required");
  }

  public FrameRequest frameRequest() {
    return new FrameRequest(frames, fps, Math.min(minPixels, maxPixels), maxPixels);
  }
}
