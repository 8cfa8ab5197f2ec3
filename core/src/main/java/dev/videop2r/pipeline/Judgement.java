package dev.videop2r.pipeline;

import java.util.Objects;
import java.util.Optional;

/**
 * A judge's tri-state answer. {@link Verdict#NO_SCORE} means the call failed (or its answer could not be read);
 * it is never a 0: rewards treat it as absent and the pipeline records the sample as errored, not dropped.
 *
 * @param verdict sufficient, insufficient, or no score
 * @param reason the judge's short explanation, or why there is no score
 */
public record Judgement(Verdict verdict, String reason) {

  /** The three outcomes of a sufficiency judgement. */
  public enum Verdict {
    SUFFICIENT,
    INSUFFICIENT,
    NO_SCORE
  }

  public Judgement {
    Objects.requireNonNull(verdict, "verdict");
    reason = reason == null ? "" : reason;
  }

  public static Judgement sufficient(String reason) {
    return new Judgement(Verdict.SUFFICIENT, reason);
  }

  public static Judgement insufficient(String reason) {
    return new Judgement(Verdict.INSUFFICIENT, reason);
  }

  public static Judgement noScore(String reason) {
    return new Judgement(Verdict.NO_SCORE, reason);
  }

  /** Whether the judge gave a verdict at all. */
  public boolean scored() {
    return verdict != Verdict.NO_SCORE;
  }

  /** Perception accuracy r_acc^p: 1 for sufficient, 0 for insufficient, empty for no score. */
  public Optional<Double> perceptionAccuracy() {
    return switch (verdict) {
      case SUFFICIENT -> Optional.of(1.0);
      case INSUFFICIENT -> Optional.of(0.0);
      case NO_SCORE -> Optional.empty();
    };
  }
}
