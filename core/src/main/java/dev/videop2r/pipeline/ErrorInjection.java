package dev.videop2r.pipeline;

/**
 * How often the synthetic teacher makes each kind of mistake, so that every pipeline filter has real work.
 * The three are exclusive per sample (one uniform draw decides), which makes each drop attributable.
 *
 * @param omitFact probability of leaving one needed fact out of the observation (the judge should drop it);
 *     only applied to samples with at least two facts, so the observation is never empty
 * @param wrongAnswer probability of answering wrongly (verification should drop it)
 * @param brokenTemplate probability of breaking the observation/think/answer template (verification drops it)
 * @param seed makes the draws reproducible; each sample's draw depends only on the seed and the sample
 */
public record ErrorInjection(double omitFact, double wrongAnswer, double brokenTemplate, long seed) {

  public ErrorInjection {
    check("omitFact", omitFact);
    check("wrongAnswer", wrongAnswer);
    check("brokenTemplate", brokenTemplate);
    if (omitFact + wrongAnswer + brokenTemplate > 1.0 + 1e-9) {
      throw new IllegalArgumentException("error rates sum to more than 1: " + (omitFact + wrongAnswer + brokenTemplate));
    }
  }

  /** No mistakes: the teacher writes the reference response. */
  public static ErrorInjection none() {
    return new ErrorInjection(0, 0, 0, 0);
  }

  /** The default mix: 10% omitted facts, 10% wrong answers, 5% broken templates. */
  public static ErrorInjection defaults(long seed) {
    return new ErrorInjection(0.10, 0.10, 0.05, seed);
  }

  private static void check(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
    }
  }
}
