package dev.videop2r.cli.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.io.Checkpoint;
import dev.videop2r.model.io.TensorDType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code videop2r model merge}: a base checkpoint with a LoRA adapter folded in, as a plain HF checkpoint. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Fold a PEFT LoRA adapter into its base model (W + alpha/r * B A) and write a plain HF checkpoint.")
public final class ModelMergeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The base HF model directory.")
  Path model;

  @Option(names = "--adapter", required = true, paramLabel = "DIR",
      description = "A PEFT LoRA adapter directory (adapter_config.json + adapter_model.safetensors).")
  Path adapter;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output model directory.")
  Path out;

  @Option(names = "--dtype", defaultValue = "F32", paramLabel = "DTYPE",
      description = "Stored dtype: F32, F16 or BF16. Default: ${DEFAULT-VALUE}.")
  TensorDType dtype;

  @Option(names = "--force", description = "Overwrite a checkpoint already in --out.")
  boolean force;

  @Override
  public Integer call() {
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException("--model: no such directory " + model);
    }
    if (!Files.isDirectory(adapter)) {
      throw new IllegalArgumentException("--adapter: no such directory " + adapter);
    }
    if (!force && (Files.exists(out.resolve("model.safetensors"))
        || Files.exists(out.resolve("model.safetensors.index.json")))) {
      throw new IllegalArgumentException("--out: " + out + " already holds a checkpoint (use --force to overwrite)");
    }
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel merged = QwenVLModel.load(model, adapter, manager, DataType.FLOAT32)) {
      merged.save(out, dtype);
    }
    Checkpoint.copySideFiles(model, out);
    spec.commandLine().getOut().printf("wrote %s: %s with adapter %s folded in (%s)%n", out, model, adapter, dtype);
    return 0;
  }
}
