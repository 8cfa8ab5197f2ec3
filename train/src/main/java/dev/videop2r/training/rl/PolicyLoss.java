package dev.videop2r.training.rl;

import dev.videop2r.model.HostArrays;
import dev.videop2r.spec.InvalidFieldException;
import ai.djl.ndarray.NDArray;

/**
 * The PPO/GRPO clipped surrogate with a k3 KL penalty, per token t of rollout i:
 *
 * <pre>
 *   ρ = exp(logπθ − logπold)
 *   ℓ = −( min(ρ·A, clip(ρ, 1−εlow, 1+εhigh)·A) − β·KL ),   KL = e^x − x − 1,  x = clamp(logπref − logπθ, −10, 10)
 *   loss = Σ weight·ℓ                                        (weights from {@link LossAggregation})
 * </pre>
 *
 * A is per token (process-aware advantages). With one inner iteration ρ = 1 in value and the gradient is
 * A·∇logπθ, as in Video-R1. The clamp on x (and its zero gradient outside ±10) follows Video-R1 / TRL.
 *
 * @param clipLow ε below 1 (0.2)
 * @param clipHigh ε above 1 (0.2; DAPO's clip-higher uses 0.28)
 * @param beta KL coefficient (0.04 as in Video-R1 / VideoRFT); 0 skips the reference model entirely
 */
public record PolicyLoss(double clipLow, double clipHigh, double beta) {
  /** The loss (scalar, differentiable through {@code logp}) and detached per-step statistics. */
  public record Result(NDArray loss, double klMean, double clipFraction, double ratioMean, long tokens) {}

  public PolicyLoss {
    InvalidFieldException.check(clipLow >= 0 && clipLow < 1, "clipLow", "must be in [0, 1), got " + clipLow);
    InvalidFieldException.check(clipHigh >= 0, "clipHigh", "must be >= 0, got " + clipHigh);
    InvalidFieldException.check(beta >= 0, "beta", "must be >= 0, got " + beta);
  }

  /**
   * @param logp log π_θ of the completion tokens {@code [N, T]} (differentiable)
   * @param oldLogp log π_old from generation {@code [N, T]}
   * @param refLogp log π_ref {@code [N, T]}; ignored (may be null) when beta is 0
   * @param advantages per-token advantages {@code [N, T]}
   * @param weights per-token aggregation weights {@code [N, T]}, 0 on tokens without loss
   */
  public Result compute(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray weights) {
    NDArray ratio = logp.sub(oldLogp).exp();
    NDArray unclipped = ratio.mul(advantages);
    NDArray clippedRatio = ratio.clip(1 - clipLow, 1 + clipHigh);
    NDArray clipped = clippedRatio.mul(advantages);
    NDArray objective = unclipped.minimum(clipped);
    NDArray perToken = objective.neg();
    NDArray mask = weights.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    double tokens = mask.sum().getFloat();
    double klMean = 0;
    if (beta > 0) {
      NDArray x = refLogp.sub(logp).clip(-10, 10);
      NDArray kl = x.exp().sub(x).sub(1);
      // β as a libtorch-owned array, not kl.mul(beta): DJL would close the scalar tensor that autograd saves for
      // the backward, and a GC before the backward turns the gradient into garbage (see HostArrays).
      perToken = perToken.add(kl.mul(HostArrays.scalar(kl.getManager(), (float) beta)));
      klMean = kl.stopGradient().mul(mask).sum().getFloat() / Math.max(1, tokens);
    }
    NDArray loss = perToken.mul(weights).sum();
    // A token is "clipped" when the clipped branch is the smaller one and differs from the unclipped one.
    NDArray clippedActive = clipped.stopGradient().lt(unclipped.stopGradient())
        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mul(mask);
    double clipFraction = clippedActive.sum().getFloat() / Math.max(1, tokens);
    double ratioMean = ratio.stopGradient().mul(mask).sum().getFloat() / Math.max(1, tokens);
    return new Result(loss, klMean, clipFraction, ratioMean, (long) tokens);
  }
}
