package dev.videop2r.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.training.optim.LearningRateSchedule;
import dev.videop2r.training.optim.OptimizerConfig;
import dev.videop2r.training.rl.CoreRolloutScorer;
import dev.videop2r.training.rl.RlSpec;
import dev.videop2r.training.rl.RlTrainer;
import dev.videop2r.training.rl.RlTrainerTest;
import dev.videop2r.training.rl.RolloutEngine;
import dev.videop2r.training.rl.ScriptedEngine;
import dev.videop2r.training.rl.TemplateSegmentLabeler;
import dev.videop2r.training.sft.SftTrainer;
import dev.videop2r.training.sft.SftTrainerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A training process for the crash test, run in its own JVM. Arguments: "sft" or "rl", run directory, "resume"
 * or "fresh", milliseconds to sleep per encoded sample (SFT) or per rollout batch (RL), to give the parent time
 * to kill it mid-run.
 *
 * <ul>
 *   <li>SFT on the toy data for 12 steps, checkpointing every 2;
 *   <li>PA-GRPO on the toy model for 10 rollout batches of 2 prompts x 3 rollouts, checkpointing every 3. Which
 *       scripted completion a rollout gets depends on the batch's sampling seed, so a resume that restored the
 *       random stream wrongly would train on other rollouts.
 * </ul>
 */
public final class ResumeChild {
  static final int SFT_STEPS = 12;
  static final int RL_STEPS = 10;

  private ResumeChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    boolean resume = args[2].equals("resume");
    long sleepMs = Long.parseLong(args[3]);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    try (NDManager m = NDManager.newBaseManager()) {
      if (args[0].equals("rl")) {
        rl(m, dir, resume, sleepMs, quiet);
      } else {
        sft(m, dir, resume, sleepMs, quiet);
      }
    }
  }

  private static void sft(NDManager m, Path dir, boolean resume, long sleepMs, PrintStream quiet) {
    ToyModel model = new ToyModel(m, ToyData.VOCAB, 16, 3, DataType.FLOAT32);
    SftEncoder slow = s -> {
      pause(sleepMs);
      return ToyData.encode(s);
    };
    new SftTrainer(model, SftTrainerTest.config(SFT_STEPS, 0.01, 2), ToyData.PAD)
        .train(ToyData.samples(), slow, dir, resume, quiet);
  }

  private static void rl(NDManager m, Path dir, boolean resume, long sleepMs, PrintStream quiet) {
    OptimizerConfig o = new OptimizerConfig(0.01, LearningRateSchedule.Kind.COSINE, 1, 0.01, 0.9, 0.999, 1e-8,
        5.0, 13, 3, 2);
    RlSpec config = RlSpec.defaults().with(Map.ofEntries(Map.entry("optimizer", o), Map.entry("steps", RL_STEPS),
        Map.entry("promptsPerStep", 2), Map.entry("groupSize", 3),
        Map.entry("sampling", new RolloutEngine.Sampling(1.0, 1.0, 8)), Map.entry("microBatch", 3),
        Map.entry("judge.concurrency", 2)));
    ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
    RolloutEngine seeded = (prompts, groupSize, sampling, seed) -> {
      pause(sleepMs);
      return new ScriptedEngine(policy, m, rotated(RlTrainerTest.COMPLETIONS, seed))
          .generate(prompts, groupSize, sampling, seed);
    };
    RlTrainer.Parts parts = new RlTrainer.Parts(policy, policy.copy(), seeded,
        s -> new RolloutPrompt(s, RlTrainerTest.PROMPT, List.of()),
        new TemplateSegmentLabeler(ResponseParser.lenient(), ToyData::pieces),
        new CoreRolloutScorer(config.reward(), config.objective()), RlTrainerTest.JUDGE, ToyData.PAD);
    new RlTrainer(parts, config).train(ToyData.samples(), dir, resume, quiet);
  }

  private static List<long[]> rotated(List<long[]> completions, long seed) {
    int shift = (int) Math.floorMod(seed, (long) completions.size());
    List<long[]> out = new ArrayList<>(completions.subList(shift, completions.size()));
    out.addAll(completions.subList(0, shift));
    return out;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
