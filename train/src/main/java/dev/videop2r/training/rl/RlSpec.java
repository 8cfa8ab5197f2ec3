package dev.videop2r.training.rl;

import dev.videop2r.advantage.AdvantageMode;
import dev.videop2r.advantage.StdEstimator;
import dev.videop2r.pipeline.JudgeSpec;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.spec.Doc;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import dev.videop2r.training.RunInputs;
import dev.videop2r.training.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of an RL run, each documented once in its {@link Doc} (TRL GRPOConfig style): what
 * {@code config.yaml} holds, what {@code rl --config} reads, what the run identity covers. Defaults are the
 * paper's where it states them (method §3, §5) and marked assumed (Video-R1's) where it does not. The paper's
 * Table 2 ablations are settings here: the reward switches and {@code separation}.
 */
public record RlSpec(
    RunInputs inputs,
    @Doc("Frozen KL reference model directory (empty: the starting model, i.e. the SFT weights).")
    Path reference,
    OptimizerConfig optimizer,
    @Doc(value = "pa-grpo; grpo, the process-agnostic baseline (the reasoning reward alone on every token; no judge);"
        + " or t-grpo, Video-R1's temporal GRPO (GRPO plus a bonus when ordered frames beat shuffled ones).",
        flag = "algo")
    Algorithm algorithm,
    RewardConfig reward,
    @Doc(value = "ε in A = (R − mean) / (std + ε).", assumed = true)
    double advantageEpsilon,
    @Doc(value = "Group standard deviation: unbiased (n − 1, Video-R1) or biased (n).", assumed = true)
    StdEstimator advantageStd,
    @Doc("PA-GRPO gives A_p to perception tokens and A_r to reasoning tokens (false: 'w/o separation', every token"
        + " gets A_p + A_r).")
    boolean separation,
    @Doc("Rollout batches to train on (paper: 1K updates); optimizer steps = steps · innerIterations.")
    int steps,
    @Doc("Prompts per rollout batch P (paper: 7).")
    int promptsPerStep,
    @Doc("Rollouts per prompt G (paper: 8).")
    int groupSize,
    @Doc("μ: optimizer steps on each rollout batch (1: on-policy, ratio 1, clipping idle).")
    int innerIterations,
    RolloutEngine.Sampling sampling,
    @Doc(value = "ε_c below 1 of the clipped ratio.", assumed = true)
    double clipLow,
    @Doc(value = "ε_c above 1 of the clipped ratio.", assumed = true)
    double clipHigh,
    @Doc(value = "β: k3 KL coefficient to the frozen reference (0 loads no reference).", assumed = true)
    double beta,
    @Doc(value = "How token losses become the step loss: token-mean, sequence-mean or process-mean (the paper"
        + " does not say).", flag = "loss-agg", assumed = true)
    LossAggregation aggregation,
    @Doc("Rollouts per forward/backward pass (memory only; the maths is the same).")
    int microBatch,
    @Doc("Visit prompts in a seeded random order per epoch (otherwise file order).")
    boolean shuffle,
    JudgeSpec judge,
    @Doc("Activation checkpointing: keep only each decoder layer's (and trained vision block's) input and"
        + " recompute the layer in the backward: less activation memory, about one more forward's time, the same"
        + " gradients.")
    boolean gradCheckpoint) {

  public RlSpec {
    InvalidFieldException.check(inputs != null, "inputs", "required");
    InvalidFieldException.check(optimizer != null, "optimizer", "required");
    InvalidFieldException.check(algorithm != null, "algorithm", "required");
    InvalidFieldException.check(reward != null, "reward", "required");
    InvalidFieldException.check(advantageStd != null, "advantageStd", "required");
    InvalidFieldException.check(sampling != null, "sampling", "required");
    InvalidFieldException.check(aggregation != null, "aggregation", "required");
    InvalidFieldException.check(judge != null, "judge", "required");
    InvalidFieldException.check(advantageEpsilon >= 0, "advantageEpsilon", "must be >= 0, got " + advantageEpsilon);
    InvalidFieldException.check(steps >= 1, "steps", "must be >= 1, got " + steps);
    InvalidFieldException.check(promptsPerStep >= 1, "promptsPerStep", "must be >= 1, got " + promptsPerStep);
    InvalidFieldException.check(groupSize >= 2, "groupSize", "must be >= 2, got " + groupSize);
    InvalidFieldException.check(innerIterations >= 1, "innerIterations", "must be >= 1, got " + innerIterations);
    InvalidFieldException.check(microBatch >= 1, "microBatch", "must be >= 1, got " + microBatch);
    InvalidFieldException.check(optimizer.saveEvery() % innerIterations == 0, "optimizer.saveEvery",
        optimizer.saveEvery() + " must be a multiple of innerIterations (" + innerIterations + ")");
    InvalidFieldException.check(algorithm == Algorithm.PA_GRPO || separation, "separation",
        "false applies to pa-grpo only (" + Specs.kebab(algorithm.name()) + " never separates)");
    InvalidFieldException.check(clipLow >= 0 && clipLow < 1, "clipLow", "must be in [0, 1), got " + clipLow);
    InvalidFieldException.check(clipHigh >= 0, "clipHigh", "must be >= 0, got " + clipHigh);
    InvalidFieldException.check(beta >= 0, "beta", "must be >= 0, got " + beta);
  }

  /** The paper's PA-GRPO setting (Video-R1's where the paper gives none); inputs without paths. */
  public static RlSpec defaults() {
    return new RlSpec(RunInputs.defaults(), null, OptimizerConfig.rlDefaults(), Algorithm.PA_GRPO,
        RewardConfig.defaults(), 1e-4, StdEstimator.UNBIASED, true, 1000, 7, 8, 1,
        new RolloutEngine.Sampling(1.0, 0.95, 768), 0.2, 0.2, 0.04, LossAggregation.TOKEN_MEAN, 8, true,
        JudgeSpec.defaults(), false);
  }

  /** Refuses a spec without a model, data or media root (they have no defaults); errors name the field. */
  public void requirePaths() {
    try {
      inputs.requirePaths();
    } catch (InvalidFieldException e) {
      throw e.under("inputs");
    }
  }

  /** This spec with the given fields (dotted paths, e.g. {@code reward.lengthBonus}) set. */
  public RlSpec with(Map<String, ?> values) {
    return Specs.with(this, values);
  }

  /** This spec with the settings that make up the given Table 2 ablations switched off. */
  public RlSpec ablated(Set<Ablation> ablations) {
    RewardConfig r = reward;
    if (ablations.contains(Ablation.NO_PERCEPTION_REWARD)) {
      r = r.withoutPerceptionAccuracy();
    }
    if (ablations.contains(Ablation.NO_LENGTH_REWARD)) {
      r = r.withoutLengthReward();
    }
    if (ablations.contains(Ablation.NO_FORMAT_REWARD)) {
      r = r.withoutFormatReward();
    }
    return Specs.with(this, Map.of("reward", r, "separation",
        separation && !ablations.contains(Ablation.NO_SEPARATION)));
  }

  /** Whether this spec amounts to ablation {@code a} ({@link Ablation#NO_SFT} is a choice of model, never here). */
  public boolean ablates(Ablation a) {
    return switch (a) {
      case NO_PERCEPTION_REWARD -> !reward.perceptionAccuracyReward();
      case NO_LENGTH_REWARD -> !reward.lengthReward();
      case NO_FORMAT_REWARD -> !reward.formatReward();
      case NO_SEPARATION -> !separation;
      case NO_SFT -> false;
    };
  }

  /**
   * Whether the run asks the perception judge: PA-GRPO does, unless its perception reward is off; the GRPO
   * baseline never does (it learns from the reasoning reward alone).
   */
  public boolean usesJudge() {
    return algorithm == Algorithm.PA_GRPO && reward.perceptionAccuracyReward();
  }

  /** The core's advantage mode: GRPO, PA-GRPO, or PA-GRPO without separation. */
  public AdvantageMode advantageMode() {
    if (algorithm != Algorithm.PA_GRPO) {
      return AdvantageMode.GRPO;
    }
    return separation ? AdvantageMode.PA_GRPO : AdvantageMode.PA_GRPO_NO_SEPARATION;
  }

  /** The reference model's directory: {@link #reference} or else the starting model. */
  public Path referenceModel() {
    return reference != null ? reference : inputs.model();
  }

  public int optimizerSteps() {
    return steps * innerIterations;
  }

  public PolicyLoss policyLoss() {
    return new PolicyLoss(clipLow, clipHigh, beta);
  }
}
