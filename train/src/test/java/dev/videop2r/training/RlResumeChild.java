package dev.videop2r.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.template.ResponseParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An RL process for the crash test, run in its own JVM: PA-GRPO on the toy model for 10 rollout batches of 2
 * prompts x 3 rollouts, checkpointing every 3 steps. Which scripted completion a rollout gets depends on the
 * batch's sampling seed, so a resume that restored the random stream wrongly would train on other rollouts.
 * Arguments: run directory, "resume" or "fresh", milliseconds to sleep per rollout batch.
 */
public final class RlResumeChild {
  static final int STEPS = 10;

  private RlResumeChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    boolean resume = args[1].equals("resume");
    long sleepMs = Long.parseLong(args[2]);
    OptimizerConfig o = new OptimizerConfig(0.01, LearningRateSchedule.Kind.COSINE, 1, 0.01, 0.9, 0.999, 1e-8,
        5.0, 13, 3, 2);
    RlConfig config = new RlConfig(o, Algorithm.PA_GRPO, Set.of(), STEPS, 2, 3, 1,
        new RolloutEngine.Sampling(1.0, 1.0, 8), 0.2, 0.2, 0.04, LossAggregation.TOKEN_MEAN, 1e-4, 3, 2, true);
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      RolloutEngine seeded = (prompts, groupSize, sampling, seed) -> {
        try {
          Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new ScriptedEngine(policy, m, rotated(RlTrainerTest.COMPLETIONS, seed))
            .generate(prompts, groupSize, sampling, seed);
      };
      RlTrainer.Parts parts = new RlTrainer.Parts(policy, policy.copy(), seeded,
          s -> new RolloutPrompt(s, RlTrainerTest.PROMPT, List.of()),
          new TemplateSegmentLabeler(ResponseParser.lenient(), ToyData::pieces),
          new CoreRolloutScorer(config.rewards(RewardConfig.defaults())), RlTrainerTest.JUDGE, ToyData.PAD);
      new RlTrainer(parts, config).train(ToyData.samples(), dir, resume, new PrintStream(new ByteArrayOutputStream()));
    }
  }

  private static List<long[]> rotated(List<long[]> completions, long seed) {
    int shift = (int) Math.floorMod(seed, (long) completions.size());
    List<long[]> out = new ArrayList<>(completions.subList(shift, completions.size()));
    out.addAll(completions.subList(0, shift));
    return out;
  }
}
