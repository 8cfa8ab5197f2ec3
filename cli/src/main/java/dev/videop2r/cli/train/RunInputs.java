package dev.videop2r.cli.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.DatasetRecord;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.Sample;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.lora.PeftFormat;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.MediaInputs;
import dev.videop2r.video.FfmpegFrameSource;
import dev.videop2r.video.QwenPreprocessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The inputs every training command reads: model directory, dataset, media root, frame budget, dtype. */
final class RunInputs {
  @Option(names = "--model", required = true, description = "HF model directory (config.json, safetensors,"
      + " tokenizer.json).")
  Path model;

  @Option(names = "--data", required = true, arity = "1..*", description = "Dataset file(s) or directories:"
      + " Video-R1/VideoP2R JSON (optionally gzip, in parts) or the pipeline's JSONL.")
  List<Path> data;

  @Option(names = "--media-root", required = true, description = "Directory the records' media paths are"
      + " relative to.")
  Path mediaRoot;

  @Option(names = "--out", required = true, description = "Run directory: checkpoints, metrics.jsonl, plots,"
      + " final model.")
  Path out;

  @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint.")
  boolean resume;

  @Option(names = "--frames", defaultValue = "16", description = "Frames sampled per video (default 16).")
  int frames;

  @Option(names = "--max-pixels", defaultValue = "100352", description = "Pixels per frame (default 128*28*28).")
  int maxPixels;

  @Option(names = "--dtype", defaultValue = "float32", description = "Weight type: float32 or float16"
      + " (bfloat16 is unavailable: DJL 0.35's PyTorch JNI aborts on it).")
  String dtype;

  @Option(names = "--time-scale", defaultValue = "sample-fps", description = "second_per_grid_t: sample-fps"
      + " (2 / sampled fps, real time, as evaluation; default) or default-fps (always 1.0, Video-R1 training).")
  String timeScale;

  List<Sample> samples() {
    List<Sample> out = new ArrayList<>();
    try (DatasetReader reader = DatasetReader.open(data)) {
      while (reader.hasNext()) {
        DatasetRecord r = reader.next();
        if (!r.ok()) {
          throw new IllegalArgumentException("--data " + r.where() + ": " + r.error());
        }
        out.add(r.sample());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --data " + data + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--data " + data + " holds no records");
    }
    return out;
  }

  QwenVLModel load(Path dir, NDManager manager) {
    return QwenVLModel.load(dir, manager, dataType());
  }

  HfTextTokenizer tokenizer() {
    return HfTextTokenizer.load(model);
  }

  ConversationEncoder encoder(HfTextTokenizer tokenizer) {
    FrameRequest request = new FrameRequest(frames, 2.0, Math.min(maxPixels, 128 * 28 * 28), maxPixels);
    QwenPreprocessor.TimeScale scale = switch (timeScale.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "sample-fps" -> QwenPreprocessor.TimeScale.SAMPLE_FPS;
      case "default-fps" -> QwenPreprocessor.TimeScale.DEFAULT_FPS;
      default -> throw new IllegalArgumentException("--time-scale must be sample-fps or default-fps, got '"
          + timeScale + "'");
    };
    return new ConversationEncoder(new ChatTemplate(tokenizer),
        new MediaInputs(new FfmpegFrameSource(), new MediaRoot(mediaRoot), request, scale));
  }

  private DataType dataType() {
    return switch (dtype.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "float32" -> DataType.FLOAT32;
      case "float16" -> DataType.FLOAT16;
      default -> throw new IllegalArgumentException("--dtype must be float32 or float16, got '" + dtype + "'");
    };
  }

  /**
   * Saves what the run trained and says where: with LoRA adapters the PEFT adapter in {@code <out>/adapter}
   * (load it with --adapter, or fold it in with {@code model merge}), otherwise the model in {@code <out>/model} with
   * the tokenizer files of --model beside it.
   */
  String saveFinal(QwenVLModel trained) {
    if (trained.adapters().isPresent()) {
      Path adapter = out.resolve("adapter");
      PeftFormat.save(trained.adapters().get(), adapter, model.toString());
      return "adapter " + adapter;
    }
    Path dir = out.resolve("model");
    trained.save(dir);
    dev.videop2r.model.io.Checkpoint.copySideFiles(model, dir);
    return "model " + dir;
  }
}
