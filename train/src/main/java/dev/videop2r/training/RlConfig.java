package dev.videop2r.training;

import dev.videop2r.advantage.AdvantageMode;
import dev.videop2r.reward.RewardConfig;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every RL knob, documented once (TRL GRPOConfig style). Defaults are the paper's where it states them
 * (method §3, §5) and Video-R1's otherwise.
 *
 * @param optimizer learning rate, schedule, AdamW, clipping, seed, checkpoint cadence (see {@link OptimizerConfig})
 * @param algorithm PA_GRPO (default) or the GRPO baseline
 * @param ablations Table 2 ablations to apply (empty = full PA-GRPO)
 * @param steps rollout batches to train on (paper: 1K updates); optimizer steps = steps · innerIterations
 * @param promptsPerStep prompts per rollout batch P (paper: 7)
 * @param groupSize rollouts per prompt G (paper: 8; so 56 rollouts per update)
 * @param innerIterations μ: optimizer steps on each rollout batch (default 1: on-policy, ratio 1, no clipping
 *     in effect); with μ > 1 the ratio to π_old moves and clipping matters
 * @param sampling rollout temperature, top-p and maximum new tokens (1.0, 0.95, 768)
 * @param clipLow ε below 1 of the clipped ratio (0.2)
 * @param clipHigh ε above 1 of the clipped ratio (0.2)
 * @param beta k3 KL coefficient to the frozen reference (0.04); 0 skips the reference model
 * @param aggregation how token losses become the step loss (default TOKEN_MEAN, see {@link LossAggregation})
 * @param advantageEpsilon ε in (r − mean) / (std + ε) (1e-4, Video-R1)
 * @param microBatch rollouts per forward/backward pass (memory knob; does not change the maths)
 * @param judgeConcurrency perception-judge calls in flight at once
 * @param shuffle visit prompts in a seeded random order per epoch
 */
public record RlConfig(
    OptimizerConfig optimizer,
    Algorithm algorithm,
    Set<Ablation> ablations,
    int steps,
    int promptsPerStep,
    int groupSize,
    int innerIterations,
    RolloutEngine.Sampling sampling,
    double clipLow,
    double clipHigh,
    double beta,
    LossAggregation aggregation,
    double advantageEpsilon,
    int microBatch,
    int judgeConcurrency,
    boolean shuffle) {

  public RlConfig {
    ablations = ablations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ablations));
    if (steps < 1 || promptsPerStep < 1 || groupSize < 2 || innerIterations < 1 || microBatch < 1) {
      throw new IllegalArgumentException("need --steps >= 1, --prompts-per-step >= 1, --group-size >= 2,"
          + " --inner-iterations >= 1, --micro-batch >= 1");
    }
    if (optimizer.saveEvery() % innerIterations != 0) {
      throw new IllegalArgumentException("--save-every (" + optimizer.saveEvery()
          + ") must be a multiple of --inner-iterations (" + innerIterations + ")");
    }
    if (algorithm != Algorithm.PA_GRPO && ablations.contains(Ablation.NO_SEPARATION)) {
      throw new IllegalArgumentException("--ablate no-separation applies to pa-grpo only (" + algorithm
          + " never separates)");
    }
    new PolicyLoss(clipLow, clipHigh, beta);
  }

  /** The paper's PA-GRPO setting. */
  public static RlConfig paperDefaults() {
    return new RlConfig(OptimizerConfig.rlDefaults(), Algorithm.PA_GRPO, Set.of(), 1000, 7, 8, 1,
        new RolloutEngine.Sampling(1.0, 0.95, 768), 0.2, 0.2, 0.04, LossAggregation.TOKEN_MEAN, 1e-4, 8, 8, true);
  }

  public boolean ablates(Ablation a) {
    return ablations.contains(a);
  }

  /**
   * Whether the run asks the perception judge: PA-GRPO does, unless its perception reward is ablated; the GRPO
   * baseline never does (it learns from the reasoning reward alone).
   */
  public boolean usesJudge() {
    return algorithm == Algorithm.PA_GRPO && !ablates(Ablation.NO_PERCEPTION_REWARD);
  }

  /** The core's advantage mode: GRPO, PA-GRPO, or PA-GRPO without separation. */
  public AdvantageMode advantageMode() {
    if (algorithm != Algorithm.PA_GRPO) {
      return AdvantageMode.GRPO;
    }
    return ablates(Ablation.NO_SEPARATION) ? AdvantageMode.PA_GRPO_NO_SEPARATION : AdvantageMode.PA_GRPO;
  }

  /** The reward switches of this run's ablations applied to {@code base}. */
  public RewardConfig rewards(RewardConfig base) {
    RewardConfig r = base;
    if (ablates(Ablation.NO_PERCEPTION_REWARD)) {
      r = r.withoutPerceptionAccuracy();
    }
    if (ablates(Ablation.NO_LENGTH_REWARD)) {
      r = r.withoutLengthReward();
    }
    if (ablates(Ablation.NO_FORMAT_REWARD)) {
      r = r.withoutFormatReward();
    }
    return r;
  }

  public int optimizerSteps() {
    return steps * innerIterations;
  }

  public PolicyLoss policyLoss() {
    return new PolicyLoss(clipLow, clipHigh, beta);
  }
}
