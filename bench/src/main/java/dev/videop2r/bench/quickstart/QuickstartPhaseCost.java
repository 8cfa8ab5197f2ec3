package dev.videop2r.bench.quickstart;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.sun.management.OperatingSystemMXBean;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.Sample;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.synth.SynthKnobs;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.MediaInputs;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.SftExample;
import dev.videop2r.training.loop.TokenBatch;
import dev.videop2r.training.loop.TrainableParameters;
import dev.videop2r.training.optim.Gradients;
import dev.videop2r.training.sft.SftLoss;
import dev.videop2r.video.FfmpegFrameSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU cost of the quickstart's phases on its own SFT model: encoding one SFT batch (FFmpeg + preprocessing), one
 * SFT step's forward and backward (batch 8), one RL rollout batch (4 prompts x 6 rollouts) and the RL policy
 * forward + backward over those rollouts (visuals shared per prompt vs copied per row). Prints thread CPU
 * (the calling thread), process CPU (all threads, libtorch's OpenMP workers included) and wall time per phase;
 * CPU time is far less sensitive than wall time to other load on a shared machine.
 * Run: {@code java -cp <bench classpath> [-Dai.djl.pytorch.num_threads=N] dev.videop2r.bench.quickstart
 * .QuickstartPhaseCost <quickstart run dir> [reps] [new tokens]} (the run dir must hold world/, cot/ and sft/model).
 */
public final class QuickstartPhaseCost {
  private static final int SFT_BATCH = 8;
  private static final int PROMPTS = 4;
  private static final int GROUP = 6;

  private QuickstartPhaseCost() {}

  private record Clock(long thread, long process, long wall) {
    static Clock now() {
      var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new Clock(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(), os.getProcessCpuTime(),
          System.nanoTime());
    }

    void report(String what) {
      Clock end = now();
      System.out.printf("%-34s thread-cpu %7.3f s  process-cpu %7.3f s  wall %7.3f s%n", what,
          (end.thread - thread) / 1e9, (end.process - process) / 1e9, (end.wall - wall) / 1e9);
    }
  }

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int newTokens = args.length > 2 ? Integer.parseInt(args[2]) : 96;
    Path model = run.resolve("sft/model");
    List<Sample> kept = new ArrayList<>();
    try (DatasetReader r = DatasetReader.open(run.resolve("cot/dataset/videop2r-cot.jsonl"))) {
      while (r.hasNext()) {
        kept.add(r.next().sample());
      }
    }
    FrameRequest frames = new FrameRequest(16, SynthKnobs.defaults().fps(), 112 * 112, 112 * 112);
    try (NDManager m = NDManager.newBaseManager(); HfTextTokenizer tok = HfTextTokenizer.load(model);
        QwenVLModel policy = QwenVLModel.load(model, m, DataType.FLOAT32)) {
      ConversationEncoder encoder = new ConversationEncoder(new ChatTemplate(tok),
          new MediaInputs(new FfmpegFrameSource(), new MediaRoot(run.resolve("world")), frames));
      Clock c = Clock.now();
      List<SftExample> batch = new ArrayList<>();
      for (int i = 0; i < SFT_BATCH; i++) {
        batch.add(encoder.encode(kept.get(i % kept.size())));
      }
      c.report("encode SFT batch of " + SFT_BATCH);
      Map<String, NDArray> params = TrainableParameters.of(policy.parameters());
      long pad = tok.specialTokens().pad();
      TokenBatch tokens = TokenBatch.leftPadded(batch.stream().map(SftExample::ids).toList(), pad);
      List<VisualInputs> visuals = new ArrayList<>();
      batch.forEach(e -> visuals.addAll(e.visuals()));
      long targets = batch.stream().mapToLong(SftExample::targetTokens).sum();
      System.out.printf("SFT batch %d x %d tokens%n", tokens.rows(), tokens.length());
      for (int rep = -1; rep < reps; rep++) { // rep -1 warms up the JIT and libtorch
        String tag = rep < 0 ? " (warm-up)" : "";
        try (NDManager scope = m.newSubManager();
            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          c = Clock.now();
          NDArray ids = tokens.idsArray(scope);
          NDArray loss = SftLoss.compute(policy.forward(ids, tokens.maskArray(scope), visuals), ids, tokens, batch,
              targets);
          loss.getFloat();
          c.report("SFT forward" + tag);
          c = Clock.now();
          gc.backward(loss);
          Gradients.globalNorm(params);
          c.report("SFT backward + grad norm" + tag);
        }
        Gradients.zero(params);
      }
      List<GenerationPrompt> prompts = new ArrayList<>();
      for (int i = 0; i < PROMPTS; i++) {
        RolloutPrompt p = encoder.encodePrompt(kept.get(i % kept.size()));
        prompts.add(new GenerationPrompt(p.ids(), p.visuals()));
      }
      Generator generator = new Generator(policy, m, pad, Generator.inputOnlyTokens(policy.config()));
      List<Completion> out = List.of();
      for (int rep = 0; rep < reps; rep++) {
        c = Clock.now();
        out = generator.generate(prompts, GROUP,
            GenerationConfig.sampling(newTokens, 1.0, 1.0, 7 + rep, tok.specialTokens().eos()));
        long n = out.stream().mapToLong(x -> x.tokens().length).sum();
        c.report(String.format("generate %dx%dx%d (%d tokens)", PROMPTS, GROUP, newTokens, n));
      }
      rolloutForwardBackward(policy, m, params, prompts, out, pad, reps);
    }
  }

  /**
   * The RL step's policy forward + backward over the rollout rows (prompt + completion), visuals laid out like the
   * trainer's CompletionBatch: each prompt's VisualInputs object repeated once per rollout (encoded once per
   * distinct object), against equal copies per row (one vision pass per row, the cost before the sharing).
   */
  private static void rolloutForwardBackward(QwenVLModel policy, NDManager m, Map<String, NDArray> params,
      List<GenerationPrompt> prompts, List<Completion> rollouts, long pad, int reps) {
    List<long[]> rows = new ArrayList<>();
    List<VisualInputs> shared = new ArrayList<>();
    List<VisualInputs> copies = new ArrayList<>();
    for (Completion r : rollouts) {
      GenerationPrompt p = prompts.get(r.prompt());
      long[] row = java.util.Arrays.copyOf(p.ids(), p.ids().length + r.tokens().length);
      System.arraycopy(r.tokens(), 0, row, p.ids().length, r.tokens().length);
      rows.add(row);
      shared.addAll(p.visuals());
      for (VisualInputs v : p.visuals()) {
        copies.add(new VisualInputs(v.pixelValues().clone(), v.pixelShape().clone(),
            java.util.Arrays.stream(v.gridThw()).map(long[]::clone).toArray(long[][]::new),
            v.secondPerGridTs().clone(), v.video()));
      }
    }
    TokenBatch tokens = TokenBatch.leftPadded(rows, pad);
    for (int rep = -1; rep < reps; rep++) { // rep -1 warms up
      String tag = rep < 0 ? " (warm-up)" : "";
      for (var variant : List.of(Map.entry("shared", shared), Map.entry("copies", copies))) {
        try (NDManager scope = m.newSubManager();
            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Clock c = Clock.now();
          NDArray ids = tokens.idsArray(scope);
          NDArray loss = policy.forward(ids, tokens.maskArray(scope), variant.getValue()).logSoftmax(-1).mean();
          gc.backward(loss);
          Gradients.globalNorm(params);
          c.report(String.format("RL fwd+bwd %dx%d, visuals %s%s", tokens.rows(), tokens.length(), variant.getKey(),
              tag));
        }
        Gradients.zero(params);
      }
    }
  }
}
