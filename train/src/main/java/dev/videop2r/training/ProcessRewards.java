package dev.videop2r.training;

/**
 * One rollout's rewards, per process (method §4). {@code NaN} marks an absent component: a perception accuracy
 * whose judge call failed ("no score", never a 0), or a component switched off by an ablation.
 *
 * @param perception R_p = r_acc^p + r_fmt^p + r_len^p, NaN when absent (left out of the perception normalisation)
 * @param reasoning R_r = r_acc^r + r_fmt^r + r_len^r
 */
public record ProcessRewards(
    double perceptionAccuracy, double perceptionFormat, double perceptionLength,
    double reasoningAccuracy, double reasoningFormat, double reasoningLength,
    double perception, double reasoning) {}
