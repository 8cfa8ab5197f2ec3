package dev.videop2r.objective;

import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an RL run optimises: the credit assignment ({@link Algorithm}) and the Table 2 ablations applied to it. The
 * reward terms ({@code ProcessRewards}) and the advantage of each token ({@code GroupAdvantages}) are read from
 * here, so each choice has this one name. Errors name the run-spec fields {@code algorithm} and {@code ablations}.
 */
public record RlObjective(Algorithm algorithm, Set<Ablation> ablations) {

  public RlObjective {
    InvalidFieldException.check(algorithm != null, "algorithm", "required");
    InvalidFieldException.check(ablations != null && ablations.stream().allMatch(Objects::nonNull), "ablations",
        "required, no nulls");
    // In declaration order, so that a spec lists them the same way however they were given.
    ablations = Collections.unmodifiableSet(ablations.isEmpty() ? EnumSet.noneOf(Ablation.class)
        : EnumSet.copyOf(ablations));
    if (algorithm != Algorithm.PA_GRPO) {
      String name = Specs.kebab(algorithm.name());
      InvalidFieldException.check(!ablations.contains(Ablation.NO_SEPARATION), "ablations",
          "no-separation applies to pa-grpo only (" + name + " puts one advantage on every token already)");
      InvalidFieldException.check(!ablations.contains(Ablation.NO_PERCEPTION_REWARD), "ablations",
          "no-perception-reward applies to pa-grpo only (" + name + " learns from the reasoning reward alone)");
    }
  }

  /** {@code algorithm} with the given ablations. */
  public static RlObjective of(Algorithm algorithm, Collection<Ablation> ablations) {
    return new RlObjective(algorithm, ablations == null ? null : new HashSet<>(ablations));
  }

  /** {@code algorithm} with the given ablations. */
  public static RlObjective of(Algorithm algorithm, Ablation... ablations) {
    return of(algorithm, Arrays.asList(ablations));
  }

  /** The paper's objective: PA-GRPO, nothing ablated. */
  public static RlObjective paGrpo() {
    return of(Algorithm.PA_GRPO);
  }

  public boolean ablates(Ablation a) {
    return ablations.contains(a);
  }

  /** Whether R_p is normalised in the group as a stream of its own (PA-GRPO); otherwise R_r alone counts. */
  public boolean processAware() {
    return algorithm == Algorithm.PA_GRPO;
  }

  /** Whether A_p goes to perception tokens and A_r to reasoning tokens (PA-GRPO unless "no separation"). */
  public boolean separation() {
    return processAware() && !ablates(Ablation.NO_SEPARATION);
  }

  /** Whether the judge's perception accuracy r_acc^p is part of R_p. */
  public boolean perceptionAccuracyReward() {
    return !ablates(Ablation.NO_PERCEPTION_REWARD);
  }

  /** Whether r_len is part of R_p and R_r. */
  public boolean lengthReward() {
    return !ablates(Ablation.NO_LENGTH_REWARD);
  }

  /** Whether r_fmt is part of R_p and R_r. */
  public boolean formatReward() {
    return !ablates(Ablation.NO_FORMAT_REWARD);
  }

  /** Whether the run asks the perception judge: only when R_p counts and includes r_acc^p. */
  public boolean usesJudge() {
    return processAware() && perceptionAccuracyReward();
  }
}
