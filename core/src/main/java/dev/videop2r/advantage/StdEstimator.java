package dev.videop2r.advantage;

/** How the group standard deviation is estimated. */
public enum StdEstimator {
  /** Divide by n − 1 ({@code torch.std}'s default; Video-R1). */
  UNBIASED,
  /** Divide by n. */
  BIASED
}
