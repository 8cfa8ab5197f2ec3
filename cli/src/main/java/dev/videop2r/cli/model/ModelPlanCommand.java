package dev.videop2r.cli.model;

import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.plan.MemoryPlanner;
import dev.videop2r.model.plan.PublishedConfigs;
import dev.videop2r.model.plan.RunShape;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code videop2r model plan}: the memory a training step needs, per component, and whether it fits a GPU. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Print the memory one SFT or PA-GRPO step needs (weights, reference, adapters, gradients, optimizer, "
            + "activations of vision and decoder, logits, KV cache) and whether it fits the given GPU sizes.",
        "Counts follow this project's implementation on DJL (every forward array lives until the step ends; "
            + "attention stores its score matrix unless --fused-attention); docs/model.md § Memory plan."})
public final class ModelPlanCommand implements Callable<Integer> {

  private static final long GIB = 1L << 30;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where the model's shape comes from. */
  static final class Source {
    @Option(names = "--model", paramLabel = "DIR", description = "HF model directory (its config.json).")
    Path model;

    @Option(names = "--config", paramLabel = "FILE", description = "A Qwen2.5-VL config.json.")
    Path config;

    @Option(names = "--published", paramLabel = "NAME",
        description = "A published model: qwen2.5-vl-3b or qwen2.5-vl-7b.")
    String published;

    @Option(names = "--paper",
        description = "The paper's setting (7B, 16 frames, 128*28*28 px, G = 8, 768 new tokens), full and LoRA, "
            + "on 80 and 141 GiB.")
    boolean paper;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--stage", defaultValue = "rl", paramLabel = "STAGE",
      description = "sft or rl. Default: ${DEFAULT-VALUE}.")
  String stage;

  @Option(names = "--frames", defaultValue = "16", paramLabel = "N",
      description = "Frames per video (0 = text only). Default: ${DEFAULT-VALUE}.")
  int frames;

  @Option(names = "--max-pixels", defaultValue = "100352", paramLabel = "PX",
      description = "Pixels per frame (the paper: 128*28*28 = 100352). Default: ${DEFAULT-VALUE}.")
  long maxPixels;

  @Option(names = "--prompt-tokens", defaultValue = "256", paramLabel = "N",
      description = "Prompt text tokens besides the video's. Default: ${DEFAULT-VALUE}.")
  int promptTokens;

  @Option(names = "--response-tokens", defaultValue = "768", paramLabel = "N",
      description = "Response tokens (RL: max new tokens). Default: ${DEFAULT-VALUE}.")
  int responseTokens;

  @Option(names = "--rollouts", defaultValue = "8", paramLabel = "G",
      description = "Rollouts per prompt (RL; SFT uses 1). Default: ${DEFAULT-VALUE}.")
  int rollouts;

  @Option(names = "--micro-batch", paramLabel = "N",
      description = "Sequences per forward + backward. Default: G for rl, 1 for sft.")
  Integer microBatch;

  @Option(names = "--dtype", defaultValue = "float16", paramLabel = "DTYPE",
      description = "float32, float16 or bfloat16 (planned as 2 bytes like float16; the model itself computes in "
          + "float32 or float16: DJL's PyTorch JNI aborts on bfloat16). Default: ${DEFAULT-VALUE}.")
  String dtype;

  @Option(names = "--lora-rank", defaultValue = "0", paramLabel = "R",
      description = "LoRA rank; 0 = full fine-tuning. Default: ${DEFAULT-VALUE}.")
  int loraRank;

  @Option(names = "--lora-targets", split = ",", paramLabel = "MODULE",
      description = "Adapted decoder linear layers. Default: all seven (q,k,v,o,gate,up,down _proj).")
  List<String> loraTargets = RunShape.Lora.ALL_TARGETS;

  @Option(names = "--train-vision", description = "Full fine-tuning trains the vision tower too (default: frozen).")
  boolean trainVision;

  @Option(names = "--no-reference", description = "RL without a KL reference model (beta = 0).")
  boolean noReference;

  @Option(names = "--grad-checkpoint",
      description = "Plan with decoder layers recomputed in backward (planning only: the trainers do not do it yet).")
  boolean gradCheckpoint;

  @Option(names = "--fused-attention",
      description = "Plan with a fused attention kernel that stores no score matrix (planning only: DJL 0.35 has "
          + "no SDPA op; the model composes attention from matmul + softmax).")
  boolean fusedAttention;

  @Option(names = "--gpu-gib", split = ",", defaultValue = "80,141", paramLabel = "GIB",
      description = "GPU memory sizes to check against. Default: ${DEFAULT-VALUE}.")
  List<Double> gpuGib;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (source.paper) {
      QwenConfig seven = PublishedConfigs.get("qwen2.5-vl-7b");
      for (boolean fused : new boolean[] {false, true}) {
        for (int rank : new int[] {0, 64}) {
          RunShape shape = new RunShape(seven, RunShape.Stage.RL, 16, 128 * 28 * 28, 256, 768, 8, 8, 2,
              rank == 0 ? null : new RunShape.Lora(rank, new LinkedHashSet<>(RunShape.Lora.ALL_TARGETS)), false,
              true, true, fused);
          print(out, "Paper setting, Qwen2.5-VL-7B PA-GRPO, 16-bit weights, gradient checkpointing, "
              + (rank == 0 ? "full fine-tuning (vision frozen)" : "LoRA r=64 on all decoder linears")
              + (fused ? ", fused attention" : ", attention as implemented (stored scores)"), shape);
        }
      }
      out.flush();
      return 0;
    }
    RunShape shape = shape(config());
    print(out, "Memory plan", shape);
    out.flush();
    return 0;
  }

  private QwenConfig config() {
    if (source.published != null) {
      return PublishedConfigs.get(source.published);
    }
    Path file = source.model != null ? source.model.resolve("config.json") : source.config;
    String flag = source.model != null ? "--model" : "--config";
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(flag + ": no such file " + file);
    }
    return QwenConfig.read(file);
  }

  private RunShape shape(QwenConfig config) {
    RunShape.Stage st = switch (stage.toLowerCase(Locale.ROOT)) {
      case "sft" -> RunShape.Stage.SFT;
      case "rl" -> RunShape.Stage.RL;
      default -> throw new IllegalArgumentException("--stage must be sft or rl, got '" + stage + "'");
    };
    int bytes = switch (dtype.toLowerCase(Locale.ROOT)) {
      case "float32" -> 4;
      case "bfloat16", "float16" -> 2;
      default -> throw new IllegalArgumentException("--dtype must be float32, bfloat16 or float16, got '" + dtype + "'");
    };
    int g = st == RunShape.Stage.SFT ? 1 : rollouts;
    int micro = microBatch != null ? microBatch : g;
    RunShape.Lora lora = loraRank == 0 ? null : new RunShape.Lora(loraRank, new LinkedHashSet<>(loraTargets));
    return new RunShape(config, st, frames, maxPixels, promptTokens, responseTokens, g, micro, bytes, lora,
        trainVision, !noReference, gradCheckpoint, fusedAttention);
  }

  private void print(PrintWriter out, String title, RunShape shape) {
    MemoryPlanner.Plan plan = MemoryPlanner.plan(shape);
    out.printf(Locale.ROOT, "%s%n", title);
    out.printf(Locale.ROOT, "  %,d parameters, %,d trainable; video %d frames -> %,d tokens; sequence %,d tokens"
        + " (%,d prompt + %,d response); micro-batch %d%n", plan.parameters(), plan.trainable(), shape.frames(),
        shape.videoTokens(), shape.sequenceTokens(), shape.promptTokens(), shape.responseTokens(),
        shape.microBatch());
    section(out, "persistent", plan.persistent(), plan.persistentBytes());
    if (!plan.sampling().isEmpty()) {
      section(out, "sampling (rollouts)", plan.sampling(), plan.samplingBytes());
    }
    section(out, "update (one micro-batch)", plan.update(), plan.updateBytes());
    out.printf(Locale.ROOT, "  %-34s %10s%n", "PEAK (persistent + larger phase)", gib(plan.peakBytes()));
    List<String> verdicts = new ArrayList<>();
    for (double size : gpuGib) {
      verdicts.add(String.format(Locale.ROOT, "%.0f GiB: %s", size,
          plan.peakBytes() <= size * GIB ? "fits" : "does not fit"));
    }
    out.printf(Locale.ROOT, "  %s%n%n", String.join("; ", verdicts));
  }

  private static void section(PrintWriter out, String name, List<MemoryPlanner.Component> components, long total) {
    out.printf(Locale.ROOT, "  %-34s %10s%n", name, gib(total));
    for (MemoryPlanner.Component c : components) {
      out.printf(Locale.ROOT, "    %-32s %10s  %s%n", c.name(), gib(c.bytes()), c.basis());
    }
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB);
  }
}
