package dev.videop2r.evaluation;

/**
 * Which benchmark scoring rules to apply per item (benchmarks.md §1.4, §2(d), §9). Not to be confused with
 * the reward code's {@code dev.videop2r.reward.ScoringMode} (Video-R1 vs corrected training rewards), which
 * the {@link #VIDEO_R1} rules reuse.
 */
public enum ScoringRules {
  /**
   * Video-R1's {@code eval_bench.py}: multiple choice by exact match after strip (case-sensitive, "C." fails);
   * numerical by decimal-marker consistency and equality after rounding to 2 decimals; regression by
   * Video-R1's MRA (float32, strict {@code <}). Reproduces Video-R1-lineage numbers.
   */
  VIDEO_R1,
  /**
   * The benchmarks' own rule-based scoring, for diagnostics: the option letter is read leniently ("(C)",
   * "C.", "The best answer is C" all give C), numbers are the first number in the answer, regression uses
   * the official MRA (double, {@code <=}, thresholds linspace(0.5, 0.95, 10)).
   */
  OFFICIAL;

  /** The command-line and report name: {@code video-r1} or {@code official}. */
  public String cliName() {
    return this == VIDEO_R1 ? "video-r1" : "official";
  }
}
