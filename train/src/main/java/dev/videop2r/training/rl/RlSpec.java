package dev.videop2r.training.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.advantage.StdEstimator;
import dev.videop2r.objective.Ablation;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.pipeline.JudgeSpec;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.spec.Doc;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import dev.videop2r.training.RunInputs;
import dev.videop2r.training.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every setting of an RL run, each documented once in its {@link Doc} (TRL GRPOConfig style): what
 * {@code config.yaml} holds, what {@code rl --config} reads, what the run identity covers. Defaults are the
 * paper's where it states them (method §3, §5) and marked assumed (Video-R1's) where it does not. What the run
 * optimises, {@code algorithm} and the paper's Table 2 {@code ablations}, is its {@link #objective()}.
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
    @Doc(value = "The paper's Table 2 ablations of the objective, comma separated: no-perception-reward (no r_acc^p,"
        + " no judge; pa-grpo only), no-length-reward, no-format-reward, no-separation (A_p + A_r on every token;"
        + " pa-grpo only). RL without SFT is a choice of starting model, not an ablation.", flag = "ablate")
    List<Ablation> ablations,
    RewardConfig reward,
    @Doc(value = "ε in A = (R − mean) / (std + ε).", assumed = true)
    double advantageEpsilon,
    @Doc(value = "Group standard deviation: unbiased (n − 1, Video-R1) or biased (n).", assumed = true)
    StdEstimator advantageStd,
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
    ablations = List.copyOf(objective(algorithm, ablations).ablations());
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
    InvalidFieldException.check(clipLow >= 0 && clipLow < 1, "clipLow", "must be in [0, 1), got " + clipLow);
    InvalidFieldException.check(clipHigh >= 0, "clipHigh", "must be >= 0, got " + clipHigh);
    InvalidFieldException.check(beta >= 0, "beta", "must be >= 0, got " + beta);
  }

  /** The paper's PA-GRPO setting (Video-R1's where the paper gives none); inputs without paths. */
  public static RlSpec defaults() {
    return new RlSpec(RunInputs.defaults(), null, OptimizerConfig.rlDefaults(), Algorithm.PA_GRPO,
        List.of(), RewardConfig.defaults(), 1e-4, StdEstimator.UNBIASED, 1000, 7, 8, 1,
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

  /** What the run optimises: {@link #algorithm} with its {@link #ablations}. */
  public RlObjective objective() {
    return objective(algorithm, ablations);
  }

  /** This spec optimising {@code objective} (its {@link #algorithm} and {@link #ablations}). */
  public RlSpec with(RlObjective objective) {
    return with(Map.of("algorithm", objective.algorithm(), "ablations", List.copyOf(objective.ablations())));
  }

  private static RlObjective objective(Algorithm algorithm, List<Ablation> ablations) {
    InvalidFieldException.check(ablations != null, "ablations", "required");
    return RlObjective.of(algorithm, ablations);
  }

  /**
   * A config tree as older runs wrote it, in today's fields: the boolean switches that each stood for one ablation
   * ({@link Ablation#formerSwitch()}, e.g. {@code separation: false}) become entries of {@code ablations}.
   */
  public static JsonNode upgrade(JsonNode config, String source) {
    if (!config.isObject()) {
      return config;
    }
    ObjectNode out = ((ObjectNode) config).deepCopy();
    for (Ablation a : Ablation.values()) {
      String path = a.formerSwitch();
      int dot = path.lastIndexOf('.');
      JsonNode parent = dot < 0 ? out : Specs.at(out, path.substring(0, dot));
      JsonNode value = parent instanceof ObjectNode group ? group.remove(path.substring(dot + 1)) : null;
      if (value == null) {
        continue;
      }
      if (!value.isBoolean()) {
        throw new IllegalArgumentException(source + ": " + path + " must be true or false (it stands for ablations"
            + " entry " + Specs.kebab(a.name()) + " when false), got " + value);
      }
      if (!value.asBoolean()) {
        JsonNode list = out.get("ablations");
        ArrayNode ablations = list instanceof ArrayNode given ? given : out.putArray("ablations");
        ablations.add(Specs.kebab(a.name()));
      }
    }
    return out;
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
