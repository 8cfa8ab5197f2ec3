package dev.videop2r.cli.model;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.model.io.TensorDType;
import dev.videop2r.model.plan.ModelSizes;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code videop2r model init}: a randomly initialised Qwen2.5-VL in HF layout (config.json + safetensors, and the
 * tokenizer.json given), from a config file or a named size.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Write a random Qwen2.5-VL (HF init: N(0, initializer_range), biases 0, norms 1) in HF layout.",
        "With --size and --tokenizer the result is a model directory sft, rl and infer load."})
public final class ModelInitCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--config", required = true, paramLabel = "CONFIG.json",
        description = "A Qwen2.5-VL config.json (flat or nested layout).")
    Path config;

    @Option(names = "--size", required = true, paramLabel = "tiny|mid|half",
        description = "A named size of the real architecture: tiny (64 hidden), mid (512 hidden, 8 layers) or half"
            + " (Qwen2.5-0.5B's decoder, 8 vision blocks: 684 M parameters); special-token ids from --tokenizer.")
    String size;
  }

  @Option(names = "--tokenizer", paramLabel = "FILE|DIR",
      description = "A tokenizer.json (or a model directory holding one) copied into --out; with --size the"
          + " config's special-token ids are its ids (without it, the top of the vocabulary, and no tokenizer).")
  Path tokenizer;

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
  public Integer call() throws IOException {
    if (source.config != null && !Files.isRegularFile(source.config)) {
      throw new IllegalArgumentException("--config: no such file " + source.config);
    }
    if (!force && (Files.exists(out.resolve("model.safetensors"))
        || Files.exists(out.resolve("model.safetensors.index.json")))) {
      throw new IllegalArgumentException("--out: " + out + " already holds a checkpoint (use --force to overwrite)");
    }
    try (HfTextTokenizer tokens = tokenizer == null ? null : HfTextTokenizer.load(tokenizer);
        NDManager manager = NDManager.newBaseManager()) {
      QwenConfig cfg = source.config != null ? QwenConfig.read(source.config) : ModelSizes.config(source.size,
          tokens == null ? ModelSizes.topOfVocabulary(source.size) : token -> Math.toIntExact(tokens.tokenId(token)));
      try (QwenVLModel model = QwenVLModel.init(cfg, seed, manager)) {
        model.save(out, dtype);
        if (tokens != null) {
          AtomicFiles.write(out.resolve("tokenizer.json"), Files.readAllBytes(tokens.file()));
        }
        long params = model.parameters().entrySet().stream()
            .filter(e -> !(cfg.tieWordEmbeddings() && e.getKey().equals("lm_head.weight")))
            .mapToLong(e -> e.getValue().getShape().size()).sum();
        spec.commandLine().getOut().printf("wrote %s: %,d parameters (%s, seed %d)%n", out, params, dtype, seed);
      }
    }
    return 0;
  }
}
