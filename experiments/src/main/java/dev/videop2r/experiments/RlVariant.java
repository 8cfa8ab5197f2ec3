package dev.videop2r.experiments;

import dev.videop2r.template.ResponseTemplate;
import dev.videop2r.training.rl.Ablation;
import dev.videop2r.training.rl.Algorithm;
import java.util.Set;

/**
 * One row of the paper's Table 2: which stages run, on which response template, and with what RL objective.
 *
 * @param name row label and run-directory name
 * @param sft whether the SFT stage runs (RL starts from, and is anchored to, the SFT weights)
 * @param algorithm PA-GRPO or GRPO; null for SFT only
 * @param ablations the Table 2 ablation flags of the RL stage
 * @param template the template of the SFT data and of the prompts: process-aware, or think/answer for
 *     process-agnostic SFT (SFT only: RL runs on the process-aware template)
 */
public record RlVariant(String name, boolean sft, Algorithm algorithm, Set<Ablation> ablations,
    ResponseTemplate template) {

  public RlVariant {
    ablations = Set.copyOf(ablations);
    if (algorithm != null && template != ResponseTemplate.PROCESS_AWARE) {
      throw new IllegalArgumentException(name + ": RL runs on the process-aware template only, not " + template);
    }
  }

  /** A variant on the process-aware template. */
  public RlVariant(String name, boolean sft, Algorithm algorithm, Set<Ablation> ablations) {
    this(name, sft, algorithm, ablations, ResponseTemplate.PROCESS_AWARE);
  }

  public boolean rl() {
    return algorithm != null;
  }

  public static final RlVariant SFT_ONLY = new RlVariant("SFT only", true, null, Set.of());
  /** SFT on reasoning-only responses (the kept CoT without its observation) with Video-R1's prompt. */
  public static final RlVariant PROCESS_AGNOSTIC_SFT = new RlVariant("Process-agnostic SFT", true, null, Set.of(),
      ResponseTemplate.THINK_ANSWER);
  public static final RlVariant RL_ONLY = new RlVariant("RL only (PA-GRPO from base)", false, Algorithm.PA_GRPO,
      Set.of(Ablation.NO_SFT));
  public static final RlVariant SFT_GRPO = new RlVariant("SFT + GRPO", true, Algorithm.GRPO, Set.of());
  public static final RlVariant SFT_PA_GRPO = new RlVariant("SFT + PA-GRPO", true, Algorithm.PA_GRPO, Set.of());
  public static final RlVariant NO_LENGTH = new RlVariant("w/o length reward", true, Algorithm.PA_GRPO,
      Set.of(Ablation.NO_LENGTH_REWARD));
  public static final RlVariant NO_SEPARATION = new RlVariant("w/o separate assignment", true, Algorithm.PA_GRPO,
      Set.of(Ablation.NO_SEPARATION));
  public static final RlVariant NO_FORMAT = new RlVariant("w/o format reward", true, Algorithm.PA_GRPO,
      Set.of(Ablation.NO_FORMAT_REWARD));

  /** A file-system-safe directory name. */
  public String directory() {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
