package dev.videop2r.experiments;

import dev.videop2r.objective.Ablation;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.template.ResponseTemplate;

/**
 * One row of the paper's Table 2: which stages run, on which response template, and with what RL objective.
 *
 * @param name row label and run-directory name
 * @param sft whether the SFT stage runs (RL starts from, and is anchored to, the SFT weights; without it, RL starts
 *     from the base model)
 * @param objective what the RL stage optimises; null for SFT only
 * @param template the template of the SFT data and of the prompts: process-aware, or think/answer for
 *     process-agnostic SFT (SFT only: RL runs on the process-aware template)
 */
public record RlVariant(String name, boolean sft, RlObjective objective, ResponseTemplate template) {

  public RlVariant {
    if (objective != null && template != ResponseTemplate.PROCESS_AWARE) {
      throw new IllegalArgumentException(name + ": RL runs on the process-aware template only, not " + template);
    }
  }

  /** A variant on the process-aware template. */
  public RlVariant(String name, boolean sft, RlObjective objective) {
    this(name, sft, objective, ResponseTemplate.PROCESS_AWARE);
  }

  public boolean rl() {
    return objective != null;
  }

  public static final RlVariant SFT_ONLY = new RlVariant("SFT only", true, null);
  /** SFT on reasoning-only responses (the kept CoT without its observation) with Video-R1's prompt. */
  public static final RlVariant PROCESS_AGNOSTIC_SFT = new RlVariant("Process-agnostic SFT", true, null,
      ResponseTemplate.THINK_ANSWER);
  public static final RlVariant RL_ONLY = new RlVariant("RL only (PA-GRPO from base)", false, RlObjective.paGrpo());
  public static final RlVariant SFT_GRPO = new RlVariant("SFT + GRPO", true, RlObjective.of(Algorithm.GRPO));
  public static final RlVariant SFT_PA_GRPO = new RlVariant("SFT + PA-GRPO", true, RlObjective.paGrpo());
  public static final RlVariant NO_LENGTH = new RlVariant("w/o length reward", true,
      RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_LENGTH_REWARD));
  public static final RlVariant NO_SEPARATION = new RlVariant("w/o separate assignment", true,
      RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_SEPARATION));
  public static final RlVariant NO_FORMAT = new RlVariant("w/o format reward", true,
      RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_FORMAT_REWARD));

  /** A file-system-safe directory name. */
  public String directory() {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
