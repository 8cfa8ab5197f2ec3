package dev.videop2r.training;

import ai.djl.ndarray.NDManager;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.DatasetRecord;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.Sample;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.device.NativeRuntime;
import dev.videop2r.model.io.Checkpoint;
import dev.videop2r.model.io.KeyLayout;
import dev.videop2r.model.lora.PeftFormat;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.video.FfmpegFrameSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a spec's {@link RunInputs} open: the dataset's records, the tokenizer and weights, the media pipeline, and
 * where the trained result goes. Errors name the spec field ({@code inputs.data}).
 */
public final class TrainingInputs {
  private final RunInputs inputs;

  public TrainingInputs(RunInputs inputs) {
    this.inputs = inputs;
  }

  /** Every record of the dataset, in file order; a bad record or an empty dataset is an error naming it. */
  public List<Sample> samples() {
    List<Sample> out = new ArrayList<>();
    try (DatasetReader reader = DatasetReader.open(inputs.data())) {
      while (reader.hasNext()) {
        DatasetRecord r = reader.next();
        if (!r.ok()) {
          throw new InvalidFieldException("inputs.data", r.where() + ": " + r.error());
        }
        out.add(r.sample());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + inputs.data() + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new InvalidFieldException("inputs.data", inputs.data() + " holds no records");
    }
    return out;
  }

  /**
   * Refuses a device this process cannot use (field {@code inputs.device}, with the fix) and prints the start-up
   * line (engine, libtorch, flavor, device, dtype) to {@code log}: what a command does before it reads any weights.
   */
  public void announce(PrintWriter log) {
    try {
      NativeRuntime.announce(inputs.computeDevice(), inputs.dtype().dataType(), log);
    } catch (NativeRuntime.DeviceUnavailableException e) {
      throw new InvalidFieldException("inputs.device", name -> e.getMessage(), e);
    }
  }

  /** A manager whose arrays live on the spec's device. */
  public NDManager newManager() {
    return NDManager.newBaseManager(inputs.computeDevice().djl());
  }

  /** The weights in {@code dir} in the spec's weight type. */
  public QwenVLModel load(Path dir, NDManager manager) {
    return QwenVLModel.load(dir, manager, inputs.dtype().dataType());
  }

  public HfTextTokenizer tokenizer() {
    return HfTextTokenizer.load(inputs.model());
  }

  /** How the samples' media become model inputs (frames, pixel budget, time scale). */
  public MediaInputs media() {
    return new MediaInputs(new FfmpegFrameSource(), new MediaRoot(inputs.mediaRoot()), inputs.frameRequest(),
        inputs.timeScale());
  }

  public ConversationEncoder encoder(HfTextTokenizer tokenizer) {
    return new ConversationEncoder(new ChatTemplate(tokenizer), media());
  }

  /**
   * Saves what the run trained and says where: with LoRA adapters the PEFT adapter in {@code <out>/adapter},
   * otherwise the model in {@code <out>/model} with the tokenizer files of the starting model beside it.
   */
  public String saveFinal(QwenVLModel trained, Path out) {
    if (trained.adapters().isPresent()) {
      Path adapter = out.resolve("adapter");
      // The base as an absolute path: a relative one would resolve against whatever directory PEFT later runs in.
      PeftFormat.save(trained.adapters().get(), adapter, inputs.model().toAbsolutePath().normalize().toString(),
          layoutOf(inputs.model()));
      return "adapter " + adapter;
    }
    Path dir = out.resolve("model");
    trained.save(dir);
    Checkpoint.copySideFiles(inputs.model(), dir);
    return "model " + dir;
  }

  /** The key layout of the checkpoint in {@code dir}, so that its adapter reads as PEFT would have named it. */
  private static KeyLayout layoutOf(Path dir) {
    try (Checkpoint checkpoint = Checkpoint.open(dir)) {
      return checkpoint.layout();
    }
  }
}
