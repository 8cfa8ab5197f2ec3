package dev.videop2r.cli.model;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.io.TensorDType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code videop2r model init}: a randomly initialised Qwen2.5-VL in HF layout (config.json + safetensors). */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Write a random Qwen2.5-VL (HF init: N(0, initializer_range), biases 0, norms 1) in HF layout.")
public final class ModelInitCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "CONFIG.json",
      description = "A Qwen2.5-VL config.json (flat or nested layout).")
  Path config;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output model directory.")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--dtype", paramLabel = "F32|F16|BF16", defaultValue = "F32",
      description = "Stored dtype: F32, F16 or BF16. Default: ${DEFAULT-VALUE}.")
  TensorDType dtype;

  @Option(names = "--force", description = "Overwrite weights already in --out.")
  boolean force;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(config)) {
      throw new IllegalArgumentException("--config: no such file " + config);
    }
    if (!force && (Files.exists(out.resolve("model.safetensors"))
        || Files.exists(out.resolve("model.safetensors.index.json")))) {
      throw new IllegalArgumentException("--out: " + out + " already holds a checkpoint (use --force to overwrite)");
    }
    QwenConfig cfg = QwenConfig.read(config);
    try (NDManager manager = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(cfg, seed, manager)) {
      model.save(out, dtype);
      long params = model.parameters().entrySet().stream()
          .filter(e -> !(cfg.tieWordEmbeddings() && e.getKey().equals("lm_head.weight")))
          .mapToLong(e -> e.getValue().getShape().size()).sum();
      spec.commandLine().getOut().printf("wrote %s: %,d parameters (%s, seed %d)%n", out, params, dtype, seed);
    }
    return 0;
  }
}
